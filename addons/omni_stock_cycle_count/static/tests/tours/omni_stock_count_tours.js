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
        scan("CCTOUR1"),
        {
            content: "Over-scanned: three tee 1",
            trigger: ".o_omni_count_line:contains('Tour Tee 1') .o_omni_count_mine:contains('3')",
        },
        {
            content: "Tap the line to correct it",
            trigger: ".o_omni_count_line:contains('Tour Tee 1')",
            run: "click",
        },
        {
            content: "Type 2",
            trigger: ".o_omni_count_edit_qty",
            run: "edit 2",
        },
        {
            content: "Set",
            trigger: ".o_omni_count_edit_save",
            run: "click",
        },
        {
            content: "Corrected: two tee 1",
            trigger: ".o_omni_count_message:contains('counted 2')",
        },
        {
            content: "Submit before tee 2 is scanned",
            trigger: ".o_omni_count_submit",
            run: "click",
        },
        {
            content: "Asked before an unscanned line goes in as 0",
            trigger: ".o_omni_count_confirm_zero:contains('1 line(s) never scanned')",
        },
        {
            content: "Count it instead",
            trigger: ".o_omni_count_confirm_back",
            run: "click",
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
            trigger: ".o_omni_count_message:contains('Count submitted: 2 line(s) applied.')",
        },
    ],
});

/** A step failing when the page shows the shelf's expected quantity (4,173). */
function noExpectedFigure(screen) {
    return {
        content: `No expected quantity on ${screen}`,
        trigger: ".o_omni_count_scanner",
        run() {
            const text = document.body.innerText.replace(/[\s\u00a0\u202f,.']/g, "");
            if (text.includes("4173")) {
                throw new Error(`The expected quantity shows on ${screen}`);
            }
        },
    };
}

/**
 * A counter (no Inventory right) on a phone: My Counts, opens the task, scans
 * the shelf and two tees (one scanned twice, 4170 typed for the other), submits;
 * no screen shows the 4,173 the system expects, nor "Report short" (pickers').
 */
registry.category("web_tour.tours").add("omni_stock_count_counter_journey", {
    steps: () => [
        {
            content: "My Counts lists the task",
            trigger: ".o_omni_count_scanner h2:contains('My Counts')",
        },
        {
            content: "Counters do not report picks short",
            trigger: ".o_omni_count_scanner:not(:has(.o_omni_count_short))",
        },
        noExpectedFigure("the task list"),
        {
            content: "Open the task",
            trigger: ".o_omni_count_task:contains('Journey Shelf')",
            run: "click",
        },
        {
            content: "The task asks for its location first",
            trigger: ".o_omni_count_scanner p:contains('Scan the location first')",
        },
        noExpectedFigure("the task"),
        {
            content: "Type the shelf's barcode",
            trigger: ".o_omni_count_code",
            run: "edit CC-JOURNEY-1",
        },
        {
            content: "Enter",
            trigger: ".o_omni_count_code",
            run: "press Enter",
        },
        {
            content: "Location accepted",
            trigger: ".o_omni_count_location .badge:contains('scanned')",
        },
        scan("CCJOURNEY2"),
        {
            content: "One tee 2",
            trigger:
                ".o_omni_count_line:contains('Journey Tee 2') .o_omni_count_mine:contains('1')",
        },
        scan("CCJOURNEY2"),
        {
            content: "Two tee 2",
            trigger:
                ".o_omni_count_line:contains('Journey Tee 2') .o_omni_count_mine:contains('2')",
        },
        {
            content: "Type 4170 for tee 1",
            trigger: ".o_omni_count_qty",
            run: "edit 4170",
        },
        scan("CCJOURNEY1"),
        {
            content: "4170 tee 1: only what I counted",
            trigger:
                ".o_omni_count_line:contains('Journey Tee 1') .o_omni_count_mine:contains('4170')",
        },
        noExpectedFigure("the counted task"),
        {
            content: "Submit",
            trigger: ".o_omni_count_submit",
            run: "click",
        },
        {
            content: "Back on my counts",
            trigger: ".o_omni_count_message:contains('Count submitted: 1 line(s) applied, 1 to be recounted by another counter.')",
        },
        {
            content: "The recount is someone else's: no longer in my list",
            trigger: ".o_omni_count_scanner:not(:has(.o_omni_count_task:contains('Journey Shelf')))",
        },
        noExpectedFigure("the list after submitting"),
    ],
});
