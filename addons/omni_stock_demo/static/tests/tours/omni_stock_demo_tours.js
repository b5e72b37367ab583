/** @odoo-module **/
import { registry } from "@web/core/registry";
import { download } from "@web/core/network/download";

/**
 * Journeys of the demo retailer, each run as its role (see the README's demo users).
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function menu(xmlid, content) {
    return { content, trigger: `[data-menu-xmlid='${xmlid}']`, run: "click" };
}

function openInventory() {
    return [
        { content: "Open the apps", trigger: ".o_navbar_apps_menu button", run: "click" },
        menu("stock.menu_stock_root", "Inventory"),
    ];
}

/**
 * The browser's downloads go through `/report/download` as usual; each answer is also
 * written on the page (report, file name, content type), for the next steps to check.
 */
function recordDownloads() {
    return {
        content: "Record the files the browser downloads",
        trigger: "body",
        run() {
            const original = download._download;
            download._download = async (options) => {
                const result = await original(options);
                const [url] = JSON.parse(options.data.data);
                const body = new FormData();
                for (const [key, value] of Object.entries(options.data)) {
                    body.append(key, value);
                }
                body.append("csrf_token", odoo.csrf_token);
                const response = await fetch(options.url, { method: "POST", body });
                const disposition = response.headers.get("Content-Disposition") || "";
                const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
                const marker = document.createElement("div");
                marker.className = "o_omni_download position-fixed bottom-0 end-0 bg-white";
                marker.dataset.report = url.split("/report/xlsx/")[1].split(/[/?]/)[0];
                marker.dataset.file = match ? decodeURIComponent(match[1]) : "";
                marker.dataset.type = response.headers.get("Content-Type") || "";
                marker.dataset.size = (await response.blob()).size;
                marker.textContent = `${marker.dataset.file} (${marker.dataset.size} bytes)`;
                document.body.appendChild(marker);
                return result;
            };
        },
    };
}

function downloaded(report, fileSelector, content) {
    return {
        content,
        trigger: `.o_omni_download[data-report='${report}'][data-type='${XLSX}']${fileSelector}`,
    };
}

/** A store clerk counts 3 coats missing in Lyon: above 200 of value, it waits. */
registry.category("web_tour.tours").add("omni_stock_demo_clerk_count", {
    steps: () => [
        ...openInventory(),
        { content: "Operations", trigger: "[data-menu-xmlid='stock.menu_stock_warehouse_mgmt']", run: "click" },
        menu("stock.menu_action_inventory_tree", "Physical Inventory"),
        {
            content: "Not only my counts",
            trigger: ".o_searchview_facet:contains('My Count') .o_facet_remove",
            run: "click",
        },
        { content: "Search the coat", trigger: ".o_searchview_input", run: "edit COAT-CML-M" },
        { content: "by product", trigger: ".o_searchview_input", run: "press Enter" },
        {
            content: "Only the coats are listed (the list has reloaded)",
            trigger: ".o_list_renderer:has(.o_data_row):not(:has(.o_data_row:not(:contains('COAT-CML-M'))))",
        },
        {
            content: "Count the coats of Lyon",
            trigger: ".o_data_row:contains('LYO/Stock'):not(:contains('LYO/Stock/')) .o_data_cell[name=inventory_quantity]",
            run: "click",
        },
        {
            content: "5 on the rail",
            trigger: ".o_selected_row .o_data_cell[name=inventory_quantity] input",
            run: "edit 5",
        },
        {
            content: "Reason",
            trigger: ".o_selected_row .o_data_cell[name=omni_reason_id] input",
            run: "edit Count correction",
        },
        {
            content: "Count correction",
            trigger: ".o-autocomplete--dropdown-item:contains('Count correction')",
            run: "click",
        },
        { content: "Save the count", trigger: ".o_list_button_save", run: "click" },
        {
            content: "Apply it",
            trigger: ".o_data_row:contains('LYO/Stock'):not(:contains('LYO/Stock/')) button[name=action_apply_inventory]",
            run: "click",
        },
        {
            content: "Told that it waits for an approver",
            trigger: ".o_notification:contains('Sent for approval'):contains('COAT-CML-M'):contains('-3')",
        },
        {
            content: "Nothing applied yet: the count is cleared, the stock unchanged",
            trigger: ".o_data_row:contains('LYO/Stock'):not(:contains('LYO/Stock/')):not(:has(button[name=action_apply_inventory])) .o_data_cell[name=quantity]:contains('8')",
        },
        { content: "Stock Adjustments", trigger: "[data-menu-xmlid='omni_stock_adjustment.menu_omni_adjustment']", run: "click" },
        menu("omni_stock_adjustment.menu_omni_adjustment_request", "Approval Requests"),
        {
            content: "My request waits for an approver",
            trigger: ".o_data_row:contains('COAT-CML-M'):contains('To Approve'):contains('-3')",
        },
    ],
});

/** The approver approves the clerk's request: the stock changes now. */
registry.category("web_tour.tours").add("omni_stock_demo_approver_approves", {
    steps: () => [
        ...openInventory(),
        { content: "Stock Adjustments", trigger: "[data-menu-xmlid='omni_stock_adjustment.menu_omni_adjustment']", run: "click" },
        menu("omni_stock_adjustment.menu_omni_adjustment_request", "Approval Requests"),
        {
            content: "Open the clerk's request",
            trigger: ".o_data_row:contains('COAT-CML-M'):contains('To Approve') .o_data_cell[name=name]",
            run: "click",
        },
        { content: "Approve", trigger: ".o_form_view button[name=action_open_approve]", run: "click" },
        {
            content: "The dialog says what is approved",
            trigger: ".modal .o_field_widget[name=product_id]:contains('COAT-CML-M')",
        },
        {
            content: "Comment",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Checked with the store: sold without a scan",
        },
        { content: "Confirm", trigger: ".modal button[name=action_confirm]", run: "click" },
        {
            content: "Approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
    ],
});

/** Finance downloads the valuation, last month's reconciliation and the KPIs. */
registry.category("web_tour.tours").add("omni_stock_demo_finance_exports", {
    steps: () => [
        recordDownloads(),
        ...openInventory(),
        menu("omni_stock.menu_omni_root", "Omnichannel"),
        menu("omni_stock_report_account.menu_omni_valuation_date", "Valuation at a Date / Export"),
        { content: "Export XLSX", trigger: ".modal button[name=action_export_xlsx]", run: "click" },
        downloaded("omni_stock_report_account.valuation_xlsx",
            "[data-file='Valuation by status now.xlsx']", "The valuation is downloaded"),
        { content: "Close", trigger: ".modal button.btn-close", run: "click" },
        menu("omni_stock.menu_omni_root", "Omnichannel"),
        menu("omni_stock_report_account.menu_omni_reconciliation", "Reconciliations"),
        {
            content: "Last month's reconciliation",
            trigger: ".o_data_row:contains('Reviewed') .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "Its form",
            trigger: ".o_form_view .o_form_sheet .o_field_widget[name=line_ids]",
        },
        {
            content: "Actions",
            trigger: ".o_form_view .o_cp_action_menus button.dropdown-toggle",
            run: "click",
        },
        {
            content: "Print the reconciliation",
            trigger: ".o-dropdown--menu .dropdown-item:contains('Reconciliation (XLSX)')",
            run: "click",
        },
        downloaded("omni_stock_report_account.reconciliation_xlsx",
            "[data-file^='Reconciliation Maison']", "The reconciliation is downloaded"),
        menu("omni_stock.menu_omni_root", "Omnichannel"),
        menu("omni_stock_report.menu_omni_kpi_compute", "Compute / Export KPIs"),
        { content: "Export XLSX", trigger: ".modal button[name=action_export_xlsx]", run: "click" },
        downloaded("omni_stock_report.kpi_board_xlsx", "[data-file^='KPIs ']",
            "The KPIs are downloaded"),
    ],
});
