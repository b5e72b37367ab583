import { registry } from "@web/core/registry";

/** An inspector scans a return on the phone screen, grades it B and resells it. */
registry.category("web_tour.tours").add("omni_stock_return_inspect", {
    steps: () => [
        {
            content: "Scan the RMA",
            trigger: ".o_omni_return_inspect .o_field_widget[name=scan] input",
            run: "edit RMA-TOUR-1 && press Enter",
        },
        {
            content: "The return is found",
            trigger: ".o_omni_return_inspect .o_field_widget[name=product_id]:contains('Omni Tee')",
        },
        {
            content: "Grade B",
            trigger: ".o_omni_return_inspect .o_field_widget[name=grade_id] label:contains('B - Open box')",
            run: "click",
        },
        {
            content: "Resell is proposed",
            trigger: ".o_omni_return_inspect .o_field_widget[name=disposition] input[data-value=resell]:checked",
        },
        {
            content: "Grade and dispose",
            trigger: ".o_omni_return_inspect_done",
            run: "click",
        },
        {
            content: "Ready for the next scan",
            trigger: ".modal .o_omni_return_inspect:not(:has(.o_field_widget[name=product_id]))",
        },
    ],
});
