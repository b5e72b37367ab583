import { patch } from "@web/core/utils/patch";
import { ProductInfoBanner } from "@point_of_sale/app/components/product_info_banner/product_info_banner";

/**
 * Odoo's product banner (the attribute dialog where the cashier picks size and
 * colour, and the product popup) shows Odoo's on-hand figures; with the suite, it
 * shows the store's available-to-sell of the chosen variant, named, and the
 * network's, as the server computed them for that variant.
 */
patch(ProductInfoBanner.prototype, {
    get omniInfo() {
        const result = this.props.info || this.fetchStock.result;
        const info = result?.productInfo?.omni_stock;
        // the figures of the variant shown, never those of the previous choice
        return info && info.product_id === this.props.product.id ? info : null;
    },
    get omniActive() {
        // a storable product of a POS selling from a channel: the suite's figures only
        return Boolean(this.props.product.is_storable && this.pos.omniHasChannel());
    },
    get bannerBackground() {
        const info = this.omniInfo;
        if (!info) {
            return super.bannerBackground;
        }
        if (info.ats > 10) {
            return "bg-info";
        }
        return info.ats < 5 ? "bg-danger" : "bg-warning";
    },
});
