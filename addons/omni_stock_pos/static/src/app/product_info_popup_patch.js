import { patch } from "@web/core/utils/patch";
import { useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { ProductInfoPopup } from "@point_of_sale/app/screens/product_screen/product_info_popup/product_info_popup";

patch(ProductInfoPopup.prototype, {
    setup() {
        super.setup(...arguments);
        this.omniHold = useState({ customer: "", quantity: 1, hours: 24, message: "", error: "" });
        // the figures shown: the card's product first, then the variant the cashier picks
        this.omniState = useState({ info: this.props.info?.productInfo?.omni_stock || null });
    },
    get omniInfo() {
        return this.omniState.info;
    },
    async omniLoad(productId) {
        this.omniState.info = await this.pos.data.call("pos.config", "omni_product_stock", [
            [this.pos.config.id],
            productId,
        ]);
        if (this.omniState.info) {
            this.pos.omniSetStock({ [productId]: this.omniState.info.ats });
        }
    },
    async omniSelectVariant(productId) {
        if (productId !== this.omniInfo?.product_id) {
            this.omniHold.message = this.omniHold.error = "";
            await this.omniLoad(productId);
        }
    },
    async omniReserve() {
        const hold = this.omniHold;
        const productId = this.omniInfo.product_id;
        hold.message = hold.error = "";
        try {
            const result = await this.pos.data.call("pos.config", "omni_hold_for_customer", [
                [this.pos.config.id],
                productId,
                Number(hold.quantity),
                hold.customer,
                Number(hold.hours),
            ]);
            this.pos.omniSetStock({ [productId]: result.ats });
            hold.message = _t("Held for %(customer)s: %(reference)s", {
                customer: hold.customer,
                reference: result.reference,
            });
            await this.omniLoad(productId);
        } catch (error) {
            hold.error = error.data?.message || error.message || String(error);
        }
    },
});
