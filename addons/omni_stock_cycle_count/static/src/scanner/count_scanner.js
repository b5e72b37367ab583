/** @odoo-module **/
import { Component, onWillStart, useState } from "@odoo/owl";
import {
    errorMessage,
    scanFeedback,
    useScanInput,
} from "@omni_stock_barcode/lib/scanner_lib";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";

const TASK = "omni.stock.count.task";
const SHORT = "omni.stock.pick.short";

/**
 * What became of a submitted count, in numbers of lines (never a quantity: the
 * counter is blind): applied, waiting for an approver, sent to a recount.
 */
export function submittedMessage(summary) {
    const parts = [];
    if (summary.applied) {
        parts.push(_t("%s line(s) applied", summary.applied));
    }
    if (summary.requested) {
        parts.push(_t("%s sent for approval (stock unchanged until approved)", summary.requested));
    }
    if (summary.recount) {
        parts.push(_t("%s to be recounted by another counter", summary.recount));
    }
    return parts.length ? _t("Count submitted: %s.", parts.join(", ")) : _t("Count submitted.");
}

/**
 * "My Counts": a mobile-first counting screen for handhelds and phones.
 *
 * Scans arrive through the suite's scanner library (omni_stock_barcode's
 * ``scanner_lib``: keyboard-wedge scanners, the code field, the camera), with its
 * feedback (tone and flash). A task's location is scanned first, then products: each scan
 * adds one, or the typed quantity. The open tasks of one location are counted
 * together, each product once. Blind: the server never sends the expected
 * quantity; every check is made by the task's RPC methods. "Report short" is a
 * picker's action: shown to Inventory users, not to counters.
 */
export class CountScanner extends Component {
    static template = "omni_stock_cycle_count.CountScanner";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.state = useState({
            tasks: [],
            task: null,
            locationOk: false,
            qty: "",
            lot: "",
            code: "",
            message: "",
            error: "",
            short: null, // {location, product, qty} while reporting a pick short
            canReportShort: false,
            editing: null, // {id, qty} while correcting a line
            confirmZero: false, // asking before unscanned lines go in as 0
        });
        this.scanner = useScanInput(this, (barcode) => this.onBarcode(barcode));
        onWillStart(async () => {
            const [canReportShort] = await Promise.all([
                user.hasGroup("stock.group_stock_user"),
                this.loadTasks(),
            ]);
            this.state.canReportShort = canReportShort;
        });
    }

    async loadTasks() {
        this.state.tasks = await this.orm.call(TASK, "omni_my_tasks", []);
    }

    async rpc(model, method, args) {
        this.state.error = "";
        try {
            return await this.orm.call(model, method, args);
        } catch (error) {
            this.state.error = errorMessage(error);
            scanFeedback("error");
            return null;
        }
    }

    /** Open a location's tasks (My Counts lists one entry per location). */
    async openTask(taskIds) {
        const task = await this.rpc(TASK, "omni_scanner_load", [taskIds]);
        if (task) {
            Object.assign(this.state, { task, locationOk: false, message: "", short: null });
        }
    }

    backToList() {
        Object.assign(this.state, {
            task: null, locationOk: false, message: "", error: "", editing: null,
            confirmZero: false,
        });
        return this.loadTasks();
    }

    async onBarcode(barcode) {
        barcode = (barcode || "").trim();
        if (!barcode) {
            return;
        }
        if (this.state.short) {
            return this.onShortBarcode(barcode);
        }
        const task = this.state.task;
        if (!task) {
            return;
        }
        if (!this.state.locationOk) {
            const loaded = await this.rpc(TASK, "omni_scan_location", [task.ids, barcode]);
            if (loaded) {
                Object.assign(this.state, { task: loaded, locationOk: true });
                this.state.message = _t("Location %s: scan the products", loaded.location);
            }
            return;
        }
        const qty = this.state.qty === "" ? 1 : parseFloat(this.state.qty);
        const line = await this.rpc(TASK, "omni_add_count", [
            task.ids,
            barcode,
            Number.isNaN(qty) ? this.state.qty : qty,
            this.state.lot || null,
        ]);
        if (line) {
            const lines = this.state.task.lines;
            const index = lines.findIndex((l) => l.id === line.id);
            if (index >= 0) {
                lines[index] = line;
            } else {
                lines.push(line);
            }
            this.state.qty = "";
            this.state.message = _t("+%s %s", qty, line.product);
            scanFeedback("ok");
        }
    }

    onCodeKeydown(ev) {
        return this.scanner.onCodeKeydown(
            ev,
            () => this.state.code,
            () => (this.state.code = "")
        );
    }

    // correcting a line ------------------------------------------------------
    editLine(line) {
        // a tap inside the open editor (its input, its buttons) keeps what is typed
        if (this.state.locationOk && this.state.editing?.id !== line.id) {
            this.state.editing = { id: line.id, qty: String(line.my_qty) };
        }
    }

    cancelEdit() {
        this.state.editing = null;
    }

    async saveLine() {
        const editing = this.state.editing;
        const qty = parseFloat(editing.qty);
        const line = await this.rpc(TASK, "omni_set_count", [
            this.state.task.ids,
            editing.id,
            Number.isNaN(qty) ? editing.qty : qty,
        ]);
        if (line) {
            const lines = this.state.task.lines;
            lines[lines.findIndex((l) => l.id === line.id)] = line;
            this.state.editing = null;
            this.state.message = _t("%s: counted %s", line.product, line.my_qty);
        }
    }

    /** Lines nobody scanned on this screen: submitted as 0 only once confirmed. */
    get unscannedCount() {
        return this.state.task ? this.state.task.lines.filter((l) => !l.counted).length : 0;
    }

    async submit(confirmed = false) {
        if (this.unscannedCount && !confirmed) {
            this.state.confirmZero = true;
            return;
        }
        this.state.confirmZero = false;
        const done = await this.rpc(TASK, "action_submit", [this.state.task.ids]);
        if (done) {
            await this.backToList();
            this.state.message = submittedMessage(done);
        }
    }

    // pick short ------------------------------------------------------------
    startShort() {
        Object.assign(this.state, { task: null, short: { location: "", product: "" }, message: "" });
        this.state.message = _t("Pick short: scan the location, then the product");
    }

    onShortBarcode(barcode) {
        const short = this.state.short;
        if (!short.location) {
            short.location = barcode;
        } else {
            short.product = barcode;
        }
    }

    async reportShort() {
        const short = this.state.short;
        const done = await this.rpc(SHORT, "omni_scanner_report_short", [
            short.location,
            short.product,
            this.state.qty,
        ]);
        if (done) {
            this.state.short = null;
            this.state.qty = "";
            await this.loadTasks();
            this.state.message = _t("Reported short: an urgent count is planned.");
        }
    }
}

registry.category("actions").add("omni_stock_count_scanner", CountScanner);
