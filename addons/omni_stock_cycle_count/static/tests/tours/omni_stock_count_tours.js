/** @odoo-module **/
import { registry } from "@web/core/registry";

/** A keyboard-wedge scanner: keys typed fast on the page, then Enter (Odoo's barcode service). */
function scan(barcode) {
    return {
        content: `Scan ${barcode}`,
        trigger: ".o_omni_count_scanner",
        run() {
            for (const key of [...barcode, "Enter"]) {
                document.body.dispatchEvent(
                    new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true })
                );
            }
        },
    };
}

/** A counter counts shelf CC-TOUR-1 blind: two scans of tee 1, 3 tee 2 typed, then submits. */
registry.category("web_tour.tours").add("omni_stock_count_scanner", {
    steps: () => [
        {
            content: "Open my task",
            trigger: ".o_omni_count_task:contains('Tour Shelf')",
            run: "click",
        },
        {
            content: "No expected quantity on the screen",
            trigger: ".o_omni_count_line:contains('Tour Tee 1') .o_omni_count_mine:contains('0')",
        },
        scan("CC-TOUR-1"),
        {
            content: "Location accepted",
            trigger: ".o_omni_count_location .badge:contains('scanned')",
        },
        scan("CCTOUR1"),
        {
            content: "One tee 1",
            trigger: ".o_omni_count_line:contains('Tour Tee 1') .o_omni_count_mine:contains('1')",
        },
        scan("CCTOUR1"),
        {
            content: "Two tee 1",
            trigger: ".o_omni_count_line:contains('Tour Tee 1') .o_omni_count_mine:contains('2')",
        },
        {
            content: "Type a quantity of 3",
            trigger: ".o_omni_count_qty",
            run: "edit 3",
        },
        scan("CCTOUR2"),
        {
            content: "Three tee 2",
            trigger: ".o_omni_count_line:contains('Tour Tee 2') .o_omni_count_mine:contains('3')",
        },
        scan("NO-SUCH-CODE"),
        {
            content: "An unknown barcode is refused with a clear message",
            trigger: ".o_omni_count_error:contains('Unknown product barcode')",
        },
        {
            content: "Submit",
            trigger: ".o_omni_count_submit",
            run: "click",
        },
        {
            content: "Back on my counts",
            trigger: ".o_omni_count_message:contains('Count submitted')",
        },
    ],
});
