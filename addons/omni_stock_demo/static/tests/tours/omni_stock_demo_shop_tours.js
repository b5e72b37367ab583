import { registry } from "@web/core/registry";
import * as tourUtils from "@website_sale/js/tours/tour_utils";

/**
 * The shopper's journeys of the demo retailer (README: Web shop), on its data:
 * Canvas Sneaker 44 has 3 left online, the black coat in L is sold out online but
 * Lyon has it for pickup.
 */

const MESSAGES = [
    "#omni_threshold_message",
    "#omni_in_stock_message",
    "#omni_out_of_stock_message",
    "#threshold_message",
    "#out_of_stock_message",
];

/** The page shows exactly one availability message, and it says ``text``. */
function oneMessage(text) {
    return {
        content: `One availability message: ${text}`,
        trigger: `div.availability_messages:contains('${text}')`,
        run() {
            const shown = document.querySelectorAll(
                MESSAGES.map((id) => `div.availability_messages ${id}`).join(", ")
            );
            if (shown.length !== 1) {
                const texts = [...shown].map((el) => el.textContent.trim()).join(" / ");
                throw new Error(`${shown.length} availability messages: ${texts}`);
            }
        },
    };
}

function chooseSize(size) {
    return {
        content: `Size ${size}`,
        trigger: `input.js_variant_change[data-attribute_name='Size'][data-value_name='${size}']`,
        run: "click",
    };
}

/** (a) A visitor holds the last sneakers in size 44, then browses the shop and searches. */
registry.category("web_tour.tours").add("omni_stock_demo_shop_held_cart", {
    steps: () => [
        chooseSize("44"),
        oneMessage("Only 3 Units left"),
        {
            content: "Ask for the three",
            trigger: ".js_main_product input[name='add_qty']",
            run: "edit 3",
        },
        {
            content: "Add them to the cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        {
            content: "The cart holds 3",
            trigger: "sup.my_cart_quantity:contains(/^3$/)",
        },
        {
            content: "Browse the shop",
            trigger: "body",
            run: "goToUrl /shop",
        },
        {
            content: "The grid shows the sneakers (other sizes left): not sold out",
            trigger: ".oe_product_cart:contains('Canvas Sneaker'):not(:has(.o_omni_sold_out))",
        },
        {
            content: "Search for them",
            trigger: "body",
            run: "goToUrl /shop?search=Sneaker",
        },
        {
            content: "The search finds them, with the held cart",
            trigger: ".oe_product_cart:contains('Canvas Sneaker'):not(:has(.o_omni_sold_out))",
        },
        {
            content: "Open them",
            trigger: ".oe_product_cart a:contains('Canvas Sneaker')",
            run: "click",
        },
        chooseSize("44"),
        {
            content: "Size 44: all of it is in his cart",
            trigger: "#omni_in_cart_message:contains('You already added all the available product')",
        },
        {
            content: "Nothing more to add",
            trigger: "#o_wsale_cta_wrapper.out_of_stock:not(:visible)",
        },
    ],
});

/** (b) Changing sizes and adding to the cart: one current message at a time. */
registry.category("web_tour.tours").add("omni_stock_demo_shop_variant_messages", {
    steps: () => [
        chooseSize("44"),
        oneMessage("Only 3 Units left"),
        chooseSize("43"),
        oneMessage("In Stock"),
        chooseSize("44"),
        oneMessage("Only 3 Units left"),
        {
            content: "Add one",
            trigger: "#add_to_cart",
            run: "click",
        },
        {
            content: "The cart holds 1",
            trigger: "sup.my_cart_quantity:contains(/^1$/)",
        },
        oneMessage("Only 2 Units left"),
        {
            content: "Said once: one in the cart",
            trigger: "#omni_in_cart_message:contains('You already have 1 Unit in your cart.')",
        },
        {
            content: "Add another",
            trigger: "#add_to_cart",
            run: "click",
        },
        {
            content: "The cart holds 2",
            trigger: "sup.my_cart_quantity:contains(/^2$/)",
        },
        oneMessage("Only 1 Unit left"),
        {
            content: "Two in the cart",
            trigger: "#omni_in_cart_message:contains('You already have 2 Units in your cart.')",
        },
        chooseSize("43"),
        oneMessage("In Stock"),
    ],
});

/** (c) A customer picks up in Lyon the coat sold out online, gives a delivery address on
 * the way, pays with the Demo provider and ends on a confirmed order. */
registry.category("web_tour.tours").add("omni_stock_demo_shop_pickup_checkout", {
    steps: () => [
        chooseSize("L"),
        {
            content: "Sold out online",
            trigger: "#omni_out_of_stock_message:contains('Out of Stock')",
        },
        {
            content: "Check the stores",
            trigger: ".o_click_and_collect_availability",
            run: "click",
        },
        {
            content: "Lille's POS is offline: the shopper reads a plain sentence",
            trigger: ".o_location_selector button.list-group-item:contains('Lille') .o_omni_pickup_reason:contains('Not available for pickup today'):not(:contains('offline'))",
        },
        {
            content: "Lyon has it",
            trigger: ".o_location_selector button.list-group-item:contains('Lyon'):contains('Available')",
            run: "click",
        },
        {
            content: "Pick up in Lyon",
            trigger: "#submit_location_large:enabled",
            run: "click",
        },
        {
            content: "The page speaks for Lyon",
            trigger: ".o_click_and_collect_availability:contains('Lyon'):contains('Available')",
        },
        {
            content: "Add to cart",
            trigger: "#o_wsale_cta_wrapper:not(.out_of_stock) #add_to_cart",
            run: "click",
        },
        tourUtils.goToCart({ quantity: 1 }),
        tourUtils.goToCheckout(),
        {
            content: "Picked up in Lyon",
            trigger: "#o_delivery_methods:contains('Lyon')",
        },
        {
            content: "Add a delivery address",
            trigger: "a[href*='/shop/address'][href*='address_type=delivery']",
            run: "click",
        },
        {
            content: "Name",
            trigger: "form.checkout_autoformat input[name=name]",
            run: "edit Jeanne Dupont Office",
        },
        {
            content: "Street",
            trigger: "form.checkout_autoformat input[name=street]",
            run: "edit 20 Rue de la République",
        },
        {
            content: "City",
            trigger: "form.checkout_autoformat input[name=city]",
            run: "edit Lyon",
        },
        {
            content: "Zip",
            trigger: "form.checkout_autoformat input[name=zip]",
            run: "edit 69002",
        },
        {
            content: "Save the address",
            trigger: "#save_address",
            run: "click",
        },
        {
            content: "Still picked up in Lyon, the coat still in the cart",
            trigger: "#o_delivery_methods:contains('Lyon')",
        },
        {
            content: "The coat is still in the order summary",
            trigger: "#o_wsale_total_accordion",
            run() {
                const summary = document.querySelector("#cart_products");
                if (!summary?.textContent.includes("Wool Coat")) {
                    throw new Error("the coat left the cart");
                }
            },
        },
        tourUtils.confirmOrder(),
        ...tourUtils.payWithDemo(),
        {
            content: "The order is confirmed",
            trigger: ".oe_website_sale_tx_status:contains('Your payment has been successfully processed.')",
        },
    ],
});
