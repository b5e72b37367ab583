import VariantMixin from "@website_sale/js/sale_variant_mixin";
import "@website_sale_stock/js/variant_mixin";

/**
 * Odoo renders the availability of the chosen variant into a new wrapper each time
 * (variant change, add to cart) and only removes the previous messages: on a shop with
 * a sales channel, the previous wrappers go too, so that the page shows one current
 * availability.
 */
const onChangeCombinationStock = VariantMixin._onChangeCombinationStock;
VariantMixin._onChangeCombinationStock = function () {
    const result = onChangeCombinationStock.apply(this, arguments);
    if (document.querySelector("#omni_stock_channel")) {
        for (const container of document.querySelectorAll("div.availability_messages")) {
            const wrappers = container.querySelectorAll(":scope > #product_stock_availability");
            for (const wrapper of [...wrappers].slice(0, -1)) {
                wrapper.remove();
            }
        }
    }
    return result;
};
