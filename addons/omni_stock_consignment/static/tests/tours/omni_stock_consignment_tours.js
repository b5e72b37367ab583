import { registry } from "@web/core/registry";

/** An Omnichannel manager lets a vendor's stock be sold in the store, at a share. */
registry.category("web_tour.tours").add("omni_stock_consignment_agreement", {
    steps: () => [
        {
            content: "New agreement",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The vendor",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input",
            run: "edit Atelier Tour",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Atelier Tour')",
            run: "click",
        },
        {
            content: "Sold in the store only",
            trigger: ".o_form_view .o_field_widget[name=channel_ids] input",
            run: "edit Tour Store",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Store')",
            run: "click",
        },
        {
            content: "Settled at a share of the sale price",
            trigger: ".o_form_view .o_field_widget[name=price_mode] input[data-value=share]",
            run: "click",
        },
        {
            content: "45 %",
            trigger: ".o_form_view .o_field_widget[name=share_percent] input",
            run: "edit 45",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
