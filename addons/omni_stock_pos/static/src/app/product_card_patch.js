import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { ProductCard } from "@point_of_sale/app/generic_components/product_card/product_card";
import { usePos } from "@point_of_sale/app/store/pos_hook";

// at or below this, the badge warns
export const OMNI_LOW_STOCK = 5;

patch(ProductCard.prototype, {
    setup() {
        super.setup(...arguments);
        this.pos = usePos();
    },
    get omniAts() {
        return this.pos.omniCardStock(this.props.product);
    },
    get omniAtsText() {
        return this.pos.omniFormatQty(this.omniAts, this.props.product);
    },
    get omniBadgeTitle() {
        return this.pos.omniVariants(this.props.product).length > 1
            ? _t("Available to sell in this store, all variants together")
            : _t("Available to sell in this store");
    },
    get omniBadgeClass() {
        const ats = this.omniAts;
        if (ats <= 0) {
            return "text-bg-danger";
        }
        return ats <= OMNI_LOW_STOCK ? "text-bg-warning" : "text-bg-success";
    },
});
