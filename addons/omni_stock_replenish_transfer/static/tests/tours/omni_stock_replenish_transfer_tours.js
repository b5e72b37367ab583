import { registry } from "@web/core/registry";

/** An inventory manager opens the store's balancing proposal, reads why, and requests
 * the transfer: a rule holds it for an approver. */
registry.category("web_tour.tours").add("omni_stock_replenish_transfer_manager_request", {
    steps: () => [
        {
            content: "The proposal: Report Central gives Report Store 23 units",
            trigger: ".o_list_view .o_data_row:contains('Report Store'):contains('23.00') .o_data_cell[name=product_id]",
            run: "click",
        },
        {
            content: "The form says why",
            trigger: ".o_form_view .o_field_widget[name=note]:contains('below its safety stock')",
        },
        {
            content: "Request the transfer",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_create_transfer]:contains('Request Transfer')",
            run: "click",
        },
        {
            content: "The request from the central warehouse to the store waits for an approver",
            trigger: ".o_form_view .alert-warning:contains('Needs approval'):contains('Above 10 units')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=warehouse_dest_id]:contains('Report Store')",
        },
    ],
});

/** The approver opens Transfers to Approve, reads the request and approves it. */
registry.category("web_tour.tours").add("omni_stock_replenish_transfer_approver_approve", {
    steps: () => [
        {
            content: "The balancing request waits in the approver's list",
            trigger: ".o_kanban_record:contains('Report Store')",
            run: "click",
        },
        {
            content: "Approve",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_open_approve]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Store empty for the weekend",
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
