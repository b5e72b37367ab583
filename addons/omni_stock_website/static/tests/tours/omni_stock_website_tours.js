import { registry } from "@web/core/registry";

/** A shopper sees "only 2 left" and adds both to his cart. */
registry.category("web_tour.tours").add("omni_stock_website_only_2_left", {
    steps: () => [
        {
            content: "The page says only 2 are left",
            trigger: "#product_stock_availability:contains('Only 2 Units left')",
        },
        {
            content: "Ask for both",
            trigger: ".js_main_product input[name='add_qty']",
            run: "edit 2",
        },
        {
            content: "Add them to the cart",
            trigger: "#add_to_cart",
            run: "click",
        },
        {
            content: "The cart holds 2",
            trigger: "sup.my_cart_quantity:contains(/^2$/)",
        },
    ],
});

/** Another shopper comes after him: nothing left to promise. */
registry.category("web_tour.tours").add("omni_stock_website_out_of_stock", {
    steps: () => [
        {
            content: "The page says out of stock",
            trigger: "#product_stock_availability:contains('Out of Stock')",
        },
        {
            content: "No add to cart",
            trigger: "#o_wsale_cta_wrapper.out_of_stock:not(:visible)",
        },
    ],
});

/** Out of stock online: the shopper picks it up in a store that has it. */
registry.category("web_tour.tours").add("omni_stock_website_pickup", {
    steps: () => [
        {
            content: "Nothing online",
            trigger: "#product_stock_availability:contains('Out of Stock')",
        },
        {
            content: "Check the stores",
            trigger: ".o_click_and_collect_availability",
            run: "click",
        },
        {
            content: "A store with stock it does not trust: the shopper reads a plain sentence",
            trigger: ".o_location_selector button.list-group-item:contains('Omni Tour Brest') .o_omni_pickup_reason:contains('Not available for pickup today'):not(:contains('accuracy'))",
        },
        {
            content: "Choose the store that has it",
            trigger: ".o_location_selector button.list-group-item:contains('Omni Tour Annecy'):contains('Only 2 available')",
            run: "click",
        },
        {
            content: "Confirm the store",
            trigger: "#submit_location_large:enabled",
            run: "click",
        },
        {
            content: "The page speaks for that store",
            trigger: ".o_click_and_collect_availability:contains('Omni Tour Annecy'):contains('Only 2 available')",
        },
        {
            content: "Add to cart is back",
            trigger: "#o_wsale_cta_wrapper:not(.out_of_stock) #add_to_cart",
            run: "click",
        },
        {
            content: "The cart holds it",
            trigger: "sup.my_cart_quantity:contains(/^1$/)",
        },
    ],
});
