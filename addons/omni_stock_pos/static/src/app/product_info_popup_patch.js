import { patch } from "@web/core/utils/patch";
import { useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { ProductInfoPopup } from "@point_of_sale/app/screens/product_screen/product_info_popup/product_info_popup";

patch(ProductInfoPopup.prototype, {
    setup() {
        super.setup(...arguments);
        this.omniHold = useState({ customer: "", quantity: 1, hours: 24, message: "", error: "" });
    },
    get omniInfo() {
        return this.props.info?.productInfo?.omni_stock;
    },
    get omniAts() {
        const live = this.pos.omniGetStock(this.props.product);
        return live === undefined ? this.omniInfo?.ats : live;
    },
    get omniStatuses() {
        const statuses = this.omniInfo?.statuses || {};
        return [
            [_t("On hand"), statuses.on_hand],
            [_t("Sellable"), statuses.sellable],
            [_t("Reserved"), statuses.reserved],
            [_t("Withheld"), statuses.withheld],
            [_t("Unpickable (display)"), statuses.unpickable],
            [_t("Damaged"), statuses.damaged],
            [_t("Quality hold"), statuses.quarantine],
            [_t("Awaiting inspection"), statuses.inspection],
            [_t("In transit"), statuses.in_transit],
            [_t("Incoming"), statuses.incoming],
        ].filter(([, quantity]) => quantity);
    },
    async omniReserve() {
        const hold = this.omniHold;
        hold.message = hold.error = "";
        try {
            const result = await this.pos.data.call("pos.config", "omni_hold_for_customer", [
                [this.pos.config.id],
                this.props.product.id,
                Number(hold.quantity),
                hold.customer,
                Number(hold.hours),
            ]);
            this.pos.omniSetStock({ [this.props.product.id]: result.ats });
            hold.message = _t("Held for %(customer)s: %(reference)s", {
                customer: hold.customer,
                reference: result.reference,
            });
        } catch (error) {
            hold.error = error.data?.message || error.message || String(error);
        }
    },
});
