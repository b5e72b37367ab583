import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

/** The card of ``name`` shows exactly ``text``. */
function cardShows(name, text) {
    return {
        content: `the card of ${name} shows ${text}`,
        trigger: `article.product:has(.product-name:contains("${name}")) .o_omni_stock_badge:contains("${text}")`,
        run() {
            const shown = this.anchor.textContent.trim();
            if (shown !== text) {
                throw new Error(`the card of ${name} shows ${shown}, not ${text}`);
            }
        },
    };
}

/** In the attribute dialog, the value ``value`` shows the store's figure ``text``. */
function valueShows(value, text) {
    return {
        content: `size ${value} shows ${text}`,
        trigger: `.modal .attribute-name-cell:has(label span:contains("${value}")) .o_omni_stock_value:contains("${text}")`,
    };
}

function noText(text) {
    return {
        content: `nowhere "${text}"`,
        trigger: ".modal",
        run() {
            if (this.anchor.textContent.includes(text)) {
                throw new Error(`the dialog says "${text}"`);
            }
        },
    };
}

/**
 * A cashier of the demo's Paris store (no e-mail address) opens the register, reads
 * the Slim Jeans (a template with a variant per size), picks size 34 in Odoo's
 * attribute dialog, sells it and closes the session. Figures set by the test:
 * sizes 28, 30, 32, 34 at 8, 0, 1, 42 available; 3 of size 34 returned, awaiting
 * inspection (Odoo's on-hand counts them, the store may not sell them).
 */
registry.category("web_tour.tours").add("OmniStockPosCashierTour", {
    checkDelay: 50,
    steps: () =>
        [
            Chrome.startPoS(),
            {
                content: "an opening note (posted in the session's chatter)",
                trigger: ".modal textarea.opening-notes",
                run: "edit Float counted, no cash",
            },
            Dialog.confirm("Open Register"),
            // the template's card: every size together, not one size's 0
            cardShows("Slim Jeans", "51"),
            // Odoo's attribute dialog: the store's figure of each size and of the choice
            ProductScreen.clickDisplayedProduct("Slim Jeans"),
            valueShows("28", "8"),
            valueShows("30", "0"),
            valueShows("34", "42"),
            {
                content: "pick size 34",
                trigger: `.modal .attribute-name-cell:has(label span:contains("34")) input`,
                run: "click",
            },
            {
                content: "the banner names the variant",
                trigger: ".modal .o_omni_stock_banner_name:contains('Slim Jeans (34, Indigo)')",
            },
            {
                content: "the banner shows what the store may sell, not Odoo's on-hand",
                trigger: ".modal .o_omni_stock_banner_ats:contains('42 available at Store Paris')",
            },
            noText("On hand"),
            noText("Units available"),
            Dialog.confirm("Add"),
            ProductScreen.selectedOrderlineHas("Slim Jeans", "1.0"),
            // the popup of the card: each variant named, with its figure or the reason of a 0
            ProductScreen.clickInfoProduct("Slim Jeans"),
            {
                content: "the popup lists size 30 with the reason of its 0",
                trigger: ".o_omni_stock_variant:contains('Slim Jeans (30, Indigo)'):contains('0 available'):contains('out of stock')",
            },
            {
                content: "pick size 34 in the popup",
                trigger: ".o_omni_stock_variant:contains('Slim Jeans (34, Indigo)'):contains('42 available')",
                run: "click",
            },
            {
                content: "the popup names the variant its figures are about",
                trigger: ".o_omni_stock_headline:contains('Slim Jeans (34, Indigo): 42 available at Store Paris')",
            },
            {
                content: "returned units in the cashier's words",
                trigger: ".o_omni_stock_bucket:contains('Returned, waiting for inspection'):contains('3 units')",
            },
            noText("Withheld"),
            noText("Units"),
            Dialog.confirm("Ok"),
            // sell it: the store's figure goes down at once ("at closing": no stock move yet)
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Card"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            cardShows("Slim Jeans", "50"),
            ProductScreen.clickInfoProduct("Slim Jeans"),
            {
                content: "pick size 34 in the popup",
                trigger: ".o_omni_stock_variant:contains('Slim Jeans (34, Indigo)'):contains('41 available')",
                run: "click",
            },
            {
                content: "the sale is named as the cashier sees it",
                trigger: ".o_omni_stock_bucket:contains('Sold in open sessions, not yet shipped'):contains('1 unit')",
            },
            Dialog.confirm("Ok"),
            // close the session: the cashier has no e-mail address
            Chrome.clickMenuOption("Close Register"),
            {
                content: "a closing note",
                trigger: ".modal textarea.closing-notes",
                run: "edit All good",
            },
            Dialog.confirm("Close Register"),
            {
                content: "the session closed: the POS offers to open the next one",
                trigger: ".login-overlay .open-register-btn",
                // the POS reloads after closing
                timeout: 30000,
            },
        ].flat(),
});
