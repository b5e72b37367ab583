import { patch } from "@web/core/utils/patch";
import { reactive, useState, useSubEnv } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import {
    BaseProductAttribute,
    ProductConfiguratorPopup,
} from "@point_of_sale/app/store/product_configurator_popup/product_configurator_popup";
import { OMNI_LOW_STOCK } from "./product_card_patch";

/**
 * The attribute dialog: the banner shows the chosen variant's figures (see
 * product_info_banner_patch.js), and each value shows the store's available-to-sell
 * of the variant it would pick with the other values as they are, from the figures
 * the POS keeps live.
 */
patch(ProductConfiguratorPopup.prototype, {
    setup() {
        super.setup(...arguments);
        useSubEnv({
            omniSelection: reactive({
                valueIds: [],
                template: this.props.product,
            }),
        });
    },
    computeProductProduct() {
        super.computeProductProduct(...arguments);
        this.env.omniSelection.valueIds = this.computePayload().attribute_value_ids;
    },
});

patch(BaseProductAttribute.prototype, {
    setup() {
        super.setup(...arguments);
        this.pos = usePos();
        this.omniSelection = this.env.omniSelection && useState(this.env.omniSelection);
    },
    /** ``{text, className}`` of the variant ``value`` picks, or null. */
    omniValueStock(value) {
        const template = this.omniSelection?.template;
        if (!template || !template.is_storable || !this.pos.omniHasChannel()) {
            return null;
        }
        if (template.attribute_line_ids.some((l) => l.attribute_id.create_variant !== "always")) {
            return null;
        }
        const lineValueIds = this.values.map((v) => v.id);
        const valueIds = this.omniSelection.valueIds
            .filter((id) => !lineValueIds.includes(id))
            .concat([value.id]);
        const variant = this.pos
            .omniVariants(template)
            .find(
                (p) =>
                    p.raw.product_template_variant_value_ids?.length &&
                    p.raw.product_template_variant_value_ids.every((id) => valueIds.includes(id))
            );
        const ats = variant && this.pos.omniGetStock(variant);
        if (ats === undefined || ats === null) {
            return null;
        }
        let className = "text-bg-success";
        if (ats <= 0) {
            className = "text-bg-danger";
        } else if (ats <= OMNI_LOW_STOCK) {
            className = "text-bg-warning";
        }
        return { text: this.pos.omniFormatQty(ats, variant), className };
    },
});
