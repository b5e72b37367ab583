/** @odoo-module **/
import { Component, onWillStart, useState } from "@odoo/owl";
import {
    NumPad,
    OfflineQueue,
    errorMessage,
    isOfflineError,
    newScanId,
    scanFeedback,
    useOnline,
    useScanInput,
} from "@omni_stock_barcode/lib/scanner_lib";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

const PICKING = "stock.picking";

/**
 * "Scan Receipts and Transfers": receipts, internal transfers, transfer shipping
 * and receiving on a phone or a handheld. Every rule is the server's: the scan
 * (GS1, lots, packages, damaged), strict mode, tolerance, reasons, approvals;
 * this screen asks what the server asks (a reason, backorder or close) and keeps
 * scans in an offline queue while the network is down.
 */
export class ReceiveScanner extends Component {
    static template = "omni_stock_barcode.ReceiveScanner";
    static components = { NumPad };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.queue = new OfflineQueue("receive");
        this.state = useState({
            pickings: [],
            picking: null,
            location: null,
            code: "",
            qty: "",
            lot: "",
            damaged: false,
            numpad: false,
            ask: null, // {kind: "reason"|"backorder", differences}
            reasonId: "",
            note: "",
            close: null,
            message: "",
            error: "",
            queued: this.queue.size,
        });
        this.scanner = useScanInput(this, (barcode) => this.onScan(barcode));
        useOnline(() => this.sync());
        onWillStart(async () => {
            await this.loadPickings();
            await this.sync();
        });
    }

    async loadPickings() {
        this.state.pickings = await this.orm.call(PICKING, "omni_scanner_pickings", []);
    }

    async openPicking(pickingId) {
        this.state.error = "";
        try {
            const picking = await this.orm.call(PICKING, "omni_scanner_load", [[pickingId]]);
            Object.assign(this.state, {
                picking, location: null, ask: null, message: "", close: null,
                reasonId: "", note: "", damaged: false,
            });
        } catch (error) {
            this.state.error = errorMessage(error);
        }
    }

    backToList() {
        Object.assign(this.state, { picking: null, ask: null, message: "", error: "" });
        return this.loadPickings();
    }

    onCodeKeydown(ev) {
        return this.scanner.onCodeKeydown(
            ev,
            () => this.state.code,
            () => (this.state.code = "")
        );
    }

    // scanning -----------------------------------------------------------------
    send(item) {
        const kwargs = { quantity: item.quantity, lot: item.lot, damaged: item.damaged };
        if (item.locationId) {
            kwargs.location_id = item.locationId;
        }
        return this.orm.call(
            PICKING,
            "omni_scanner_scan",
            [[item.pickingId], item.uuid, item.barcode],
            kwargs
        );
    }

    async onScan(barcode) {
        const picking = this.state.picking;
        if (!picking) {
            return;
        }
        const qty = this.state.qty === "" ? null : parseFloat(this.state.qty);
        const item = {
            uuid: newScanId(),
            pickingId: picking.id,
            barcode,
            quantity: Number.isNaN(qty) ? this.state.qty : qty,
            lot: this.state.lot || null,
            damaged: this.state.damaged,
            locationId: this.state.location?.id || null,
        };
        this.state.error = "";
        try {
            const answer = await this.send(item);
            this.applyAnswer(answer);
            this.state.qty = "";
            scanFeedback("ok");
        } catch (error) {
            if (isOfflineError(error)) {
                this.queue.push(item);
                this.state.queued = this.queue.size;
                this.state.qty = "";
                this.state.message = _t("Offline: scan kept, it will be sent once.");
                scanFeedback("queued");
            } else {
                this.state.error = errorMessage(error);
                scanFeedback("error");
            }
        }
    }

    applyAnswer(answer) {
        const picking = this.state.picking;
        if (!answer || !picking) {
            return;
        }
        if (answer.kind === "location") {
            this.state.location = { id: answer.location_id, name: answer.location };
            this.state.message = _t("Location %s", answer.location);
            return;
        }
        const moves = answer.moves || (answer.move ? [answer.move] : []);
        for (const move of moves) {
            const index = picking.moves.findIndex((m) => m.id === move.id);
            if (index >= 0) {
                picking.moves[index] = move;
            } else {
                picking.moves.push(move);
            }
        }
        if (answer.kind === "package") {
            this.state.message = _t("Package %s: %s line(s)", answer.package, answer.lines);
        } else if (answer.move) {
            const lot = answer.lot ? ` · ${answer.lot}` : "";
            this.state.message = `+${answer.quantity} ${answer.move.product}${lot}`;
        }
    }

    /** Send the queued scans (once each, in order). */
    async sync() {
        if (!this.queue.size) {
            return;
        }
        const answers = await this.queue.flush(
            (item) => this.send(item),
            (item, error) => {
                this.state.error = `${item.barcode}: ${errorMessage(error)}`;
            }
        );
        this.state.queued = this.queue.size;
        if (this.state.picking) {
            for (const answer of answers) {
                this.applyAnswer(answer);
            }
        }
        if (answers.length) {
            this.state.message = _t("%s offline scan(s) sent.", answers.length);
        }
    }

    // validation ---------------------------------------------------------------
    async validate() {
        await this.sync();
        if (this.state.queued) {
            this.state.error = _t("%s scan(s) still wait for the network.", this.state.queued);
            return;
        }
        const kwargs = {};
        if (this.state.close !== null) {
            kwargs.close = this.state.close;
        }
        if (this.state.reasonId) {
            kwargs.reason_id = parseInt(this.state.reasonId);
            kwargs.note = this.state.note || null;
        }
        this.state.error = "";
        let result;
        try {
            result = await this.orm.call(PICKING, "omni_scanner_validate", [
                [this.state.picking.id],
            ], kwargs);
        } catch (error) {
            this.state.error = errorMessage(error);
            scanFeedback("error");
            return;
        }
        if (result.ask) {
            this.state.ask = { kind: result.ask, differences: result.differences || [] };
            return;
        }
        this.state.ask = null;
        if (result.state === "to_approve") {
            this.state.message = _t(
                "The difference waits for an approver (%s); validate again once approved.",
                result.requests.join(", ")
            );
            return;
        }
        const name = this.state.picking.name;
        await this.backToList();
        this.state.message = result.backorder
            ? _t("%s validated; the rest is expected in %s.", name, result.backorder)
            : _t("%s validated.", name);
    }

    chooseBackorder(close) {
        this.state.close = close;
        this.state.ask = null;
        return this.validate();
    }

    confirmReason() {
        if (!this.state.reasonId) {
            this.state.error = _t("Choose a reason for the difference.");
            return;
        }
        return this.validate();
    }
}

registry.category("actions").add("omni_stock_barcode_scanner", ReceiveScanner);
