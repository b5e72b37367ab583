import { registry } from "@web/core/registry";

/** A demand planner, on this week's forecast of a product, reads its parts and overrides it. */
registry.category("web_tour.tours").add("omni_stock_forecast_override", {
    steps: () => [
        {
            content: "The parts are shown: stockout correction of 5",
            trigger: ".o_form_view .o_field_widget[name=stockout]:contains('5.00')",
        },
        {
            content: "Override",
            trigger: ".o_form_view .o_form_statusbar button:contains('Override')",
            run: "click",
        },
        {
            content: "New figure",
            trigger: ".modal .o_field_widget[name=quantity] input",
            run: "edit 12",
        },
        {
            content: "Reason",
            trigger: ".modal .o_field_widget[name=reason] input",
            run: "edit Street festival",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The forecast is the planner's, the override part the difference",
            trigger: ".o_form_view:not(:has(.modal)) .o_field_widget[name=figure]:contains('12.00')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=override]:contains('7.00')",
        },
    ],
});
