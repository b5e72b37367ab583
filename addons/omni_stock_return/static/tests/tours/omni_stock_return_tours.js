import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

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

/**
 * An inspector's journey from the home screen: Inventory > Operations > Inspect
 * Returns, scan the RMA, grade A (as new: resell), Grade & Dispose.
 */
registry.category("web_tour.tours").add("omni_stock_return_inspector_journey", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Inventory",
            trigger: '.o_app[data-menu-xmlid="stock.menu_stock_root"]',
            run: "click",
        },
        {
            content: "Operations",
            trigger: '.o_menu_sections [data-menu-xmlid="stock.menu_stock_warehouse_mgmt"]',
            run: "click",
        },
        {
            content: "Inspect Returns",
            trigger: '[data-menu-xmlid="omni_stock_return.menu_omni_stock_return_inspect"]',
            run: "click",
        },
        {
            content: "The queue shows what waits",
            trigger: ".o_omni_return_inspect .o_field_widget[name=waiting_ids] .o_data_row",
        },
        {
            content: "Scan the RMA",
            trigger: ".o_omni_return_inspect .o_field_widget[name=scan] input",
            run: "edit RMA-JOURNEY-1 && press Enter",
        },
        {
            content: "The return is found",
            trigger: ".o_omni_return_inspect .o_field_widget[name=product_id]:contains('Omni Tee')",
        },
        {
            content: "Grade A",
            trigger: ".o_omni_return_inspect .o_field_widget[name=grade_id] label:contains('A - As new')",
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
            content: "Told what happened",
            trigger: ".o_notification:contains('RMA-JOURNEY-1 graded A'):contains('Resell, now at')",
        },
        {
            content: "Ready for the next scan",
            trigger: ".modal .o_omni_return_inspect:not(:has(.o_field_widget[name=product_id]))",
        },
    ],
});

registry.category("web_tour.tours").add("omni_stock_return_cards_on_phone", {
    steps: () => [
        {
            content: "The return is a card: number, state, product, quantity, reason",
            trigger: ".o_kanban_view .o_kanban_record:contains('RMA-CARD-1'):contains('Omni Tee'):contains('Awaiting Inspection')",
        },
        {
            content: "No table on a phone",
            trigger: ".o_action_manager:not(:has(.o_list_view))",
        },
        {
            content: "A tap opens the return",
            trigger: ".o_kanban_record:contains('RMA-CARD-1')",
            run: "click",
        },
        {
            content: "Its form",
            trigger: ".o_form_view .o_field_widget[name=name]:contains('RMA-CARD-1')",
        },
    ],
});
