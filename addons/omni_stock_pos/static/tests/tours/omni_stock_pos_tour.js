import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/**
 * Odoo disables websockets in test mode: read the messages the server sent to this
 * POS's bus channel through the bus's own polling route, and hand them to the
 * handler the POS subscribed with (as the websocket would).
 */
async function receiveStockMessages(productName) {
    const pos = window.posmodel;
    const token = pos.config.access_token;
    const product = pos.models["product.product"].find((p) => p.name === productName);
    for (let attempt = 0; attempt < 60; attempt++) {
        const { notifications } = await rpc("/websocket/peek_notifications", {
            channels: [token],
            last: 0,
            is_first_poll: true,
        });
        const messages = notifications
            .map((n) => n.message)
            .filter((m) => m.type === `${token}-OMNI_STOCK` && product.id in m.payload);
        if (messages.length) {
            messages.forEach((m) => pos.omniOnStockMessage(m.payload));
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`no stock message for ${productName}`);
}

function badgeIs(name, ats) {
    return {
        content: `the badge of ${name} shows ${ats}`,
        trigger: `article.product:has(.product-name:contains("${name}")) .o_omni_stock_badge:contains("${ats}")`,
    };
}

registry.category("web_tour.tours").add("OmniStockPosTour", {
    checkDelay: 50,
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // the badge: storable products only
            badgeIs("Omni Lamp", "1"),
            badgeIs("Omni Vase", "2"),
            {
                content: "no badge on a service",
                trigger: `article.product:has(.product-name:contains("Gift Wrap")):not(:has(.o_omni_stock_badge))`,
            },
            // the popup: the store's figures and the network
            ProductScreen.clickInfoProduct("Omni Lamp"),
            { trigger: ".o_omni_stock_section .o_omni_stock_headline:contains('Omni Lamp: 1 available')" },
            { trigger: ".o_omni_stock_node:contains('Central'):contains('4 available')" },
            Dialog.cancel(),
            // sell the last unit
            ProductScreen.clickDisplayedProduct("Omni Lamp"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            badgeIs("Omni Lamp", "0"),
            {
                content: "the last unit sold: the badge says so in red",
                trigger: `article.product:has(.product-name:contains("Omni Lamp")) .o_omni_stock_badge.text-bg-danger`,
            },
            // meanwhile, the back office receives 5 vases: the open POS shows it
            badgeIs("Omni Vase", "2"),
            {
                content: "the bus brings the new ATS of the vase",
                trigger: ".pos",
                run: () => receiveStockMessages("Omni Vase"),
            },
            badgeIs("Omni Vase", "7"),
        ].flat(),
});
