import { registry } from "@web/core/registry";

/** A store clerk asks Store A for 4 tees on a phone and submits: it needs approval. */
registry.category("web_tour.tours").add("omni_stock_transfer_clerk_request", {
    steps: () => [
        {
            content: "From Store A",
            trigger: ".o_field_widget[name=warehouse_id] input",
            run: "click",
        },
        {
            content: "On a phone, the stores are listed in a dialog",
            trigger: ".modal .o_kanban_record:contains('Transfer Store A')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=warehouse_id] input:value(Transfer Store A)",
        },
        {
            content: "To Store B",
            trigger: ".o_field_widget[name=warehouse_dest_id] input",
            run: "click",
        },
        {
            content: "On a phone, the stores are listed in a dialog",
            trigger: ".modal .o_kanban_record:contains('Transfer Store B')",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=warehouse_dest_id] input:value(Transfer Store B)",
        },
        {
            content: "Add a product",
            trigger: ".o_field_widget[name=line_ids] .o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=product_id] input",
            run: "click",
        },
        {
            content: "Search the product",
            trigger: ".modal .o_control_panel button:has(.fa-search)",
            run: "click",
        },
        {
            trigger: ".modal .o_searchview_input",
            run: "edit Transfer Tee && press Enter",
        },
        {
            trigger: ".modal .o_kanban_record:contains('Transfer Tee')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=product_id] input:value(Transfer Tee)",
        },
        {
            trigger: ".modal .o_field_widget[name=quantity] input",
            run: "edit 4",
        },
        {
            content: "Save the line",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The line shows the effect on ATS at the source",
            trigger: ".o_field_widget[name=line_ids] .o_kanban_record:contains('Transfer Tee')",
        },
        {
            content: "Submit",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "On a phone, Submit is in the action menu",
            trigger: ".o-dropdown--menu button[name=action_submit]",
            run: "click",
        },
        {
            content: "It waits for an approver, and says why",
            trigger: ".o_form_view .alert-warning:contains('Needs approval')",
        },
    ],
});

/** The approver opens Transfers to Approve on a phone, reads the card and approves. */
registry.category("web_tour.tours").add("omni_stock_transfer_approver_approve", {
    steps: () => [
        {
            content: "The request waits in the approver's list",
            trigger: ".o_kanban_record:contains('Transfer Store B')",
            run: "click",
        },
        {
            content: "The card: source ATS 10 -> 6",
            trigger: ".o_field_widget[name=line_ids] .o_kanban_record div:contains('Source ATS 10.00 → 6.00')",
        },
        {
            content: "Approve",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "On a phone, Approve is in the action menu",
            trigger: ".o-dropdown--menu button[name=action_open_approve]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Fine for Saturday",
        },
        {
            trigger: ".modal button[name=action_done]",
            run: "click",
        },
        {
            content: "Approved: the transfers are made",
            trigger: ".o_form_view .o_field_widget[name=approval_state]:contains('Approved')",
        },
    ],
});
