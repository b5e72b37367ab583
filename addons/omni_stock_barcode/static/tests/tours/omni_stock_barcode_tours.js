/** @odoo-module **/
import { registry } from "@web/core/registry";

/** A keyboard-wedge scanner: keys typed fast on the page, then Enter (Odoo's barcode service). */
function scan(barcode) {
    return {
        content: `Scan ${barcode}`,
        trigger: ".o_omni_barcode_scanner .o_omni_barcode_code",
        run() {
            for (const key of [...barcode, "Enter"]) {
                document.body.dispatchEvent(
                    new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true })
                );
            }
        },
    };
}

function openPicking(name) {
    return {
        content: `Open ${name}`,
        trigger: `.o_omni_barcode_picking[data-name='${name}']`,
        run: "click",
    };
}

/** A receiver scans a GS1-128 label: product, lot, expiry and quantity are filled. */
registry.category("web_tour.tours").add("omni_stock_barcode_gs1", {
    steps: () => [
        openPicking("TOUR/GS1"),
        {
            content: "Nothing scanned yet",
            trigger: ".o_omni_barcode_move:contains('Tour Jam') .o_omni_barcode_scanned:contains('0')",
        },
        // (01) GTIN, (17) expiry, (30) count 6, '#' as FNC1, (10) lot
        scan("0109506000134369172612313006#10TOUR-LOT"),
        {
            content: "Six jars of lot TOUR-LOT",
            trigger: ".o_omni_barcode_move:contains('Tour Jam') .o_omni_barcode_scanned:contains('6')",
        },
        {
            content: "The lot is shown",
            trigger: ".o_omni_barcode_move:contains('Tour Jam') .o_omni_barcode_lots:contains('TOUR-LOT')",
        },
        scan("NO-SUCH-CODE"),
        {
            content: "An unknown barcode is refused with a clear message",
            trigger: ".o_omni_barcode_error:contains('Unknown barcode')",
        },
        {
            content: "Validate",
            trigger: ".o_omni_barcode_validate",
            run: "click",
        },
        {
            content: "Six of twelve: backorder or close is asked",
            trigger: ".o_omni_barcode_ask_backorder .o_omni_barcode_backorder",
            run: "click",
        },
        {
            content: "Validated, the rest in a backorder",
            trigger: ".o_omni_barcode_message:contains('validated; the rest is expected')",
        },
    ],
});

/** Strict mode: validating a receipt nobody scanned is refused, in the form too. */
registry.category("web_tour.tours").add("omni_stock_barcode_strict", {
    steps: () => [
        {
            content: "On a phone the form's buttons are in the cog menu",
            trigger: ".o_control_panel button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Validate the receipt from its form",
            trigger: "button[name='button_validate']",
            run: "click",
        },
        {
            content: "Refused: the lines were not scanned",
            trigger: ".modal:contains('Strict scanning'):contains('Tour Strict Tee')",
        },
    ],
});

/** Over-receipt beyond the tolerance asks for a reason, then validates. */
registry.category("web_tour.tours").add("omni_stock_barcode_tolerance", {
    steps: () => [
        openPicking("TOUR/OVER"),
        {
            content: "Type a quantity of 12",
            trigger: ".o_omni_barcode_qty",
            run: "edit 12",
        },
        scan("SC-TOUR-TEE"),
        {
            content: "Twelve scanned",
            trigger: ".o_omni_barcode_move .o_omni_barcode_scanned:contains('12')",
        },
        {
            content: "Validate",
            trigger: ".o_omni_barcode_validate",
            run: "click",
        },
        {
            content: "A reason is asked for the difference",
            trigger: ".o_omni_barcode_ask_reason .o_omni_barcode_difference:contains('Tour Over Tee')",
        },
        {
            content: "Choose the reason",
            trigger: ".o_omni_barcode_reason",
            run: "selectByLabel [RECEIPT] Receipt difference",
        },
        {
            content: "Validate with it",
            trigger: ".o_omni_barcode_reason_confirm",
            run: "click",
        },
        {
            content: "Validated",
            trigger: ".o_omni_barcode_message:contains('TOUR/OVER validated.')",
        },
    ],
});
