import { rpc } from "@web/core/network/rpc";
import { patch } from "@web/core/utils/patch";
import {
    LocationSelectorDialog,
} from "@delivery/js/location_selector/location_selector_dialog/location_selector_dialog";
import {
    ClickAndCollectAvailability,
} from "@website_sale_collect/js/click_and_collect_availability/click_and_collect_availability";

/**
 * On a shop with a sales channel, choosing a store moves the cart to that store's channel:
 * the product page then reads its availability again (add to cart, stock messages).
 */
patch(ClickAndCollectAvailability.prototype, {
    async openLocationSelector() {
        if (!document.querySelector("#omni_stock_channel")) {
            return super.openLocationSelector(...arguments);
        }
        const { zip_code, id } = this.state.selectedWhLocation;
        this.dialog.add(LocationSelectorDialog, {
            isProductPage: true,
            isFrontend: true,
            productId: this.state.productId,
            zipCode: zip_code || this.props.zipCode,
            selectedLocationId: String(id),
            save: async (location) => {
                this.state.selectedWhLocation = location;
                this.state.inStoreStock = location.additional_data.in_store_stock;
                await rpc("/shop/set_click_and_collect_location", {
                    pickup_location_data: JSON.stringify(location),
                });
                document.querySelector('.js_main_product input[name="add_qty"]')
                    ?.dispatchEvent(new Event("change", { bubbles: true }));
            },
        });
    },
});
