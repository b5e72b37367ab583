/** @odoo-module **/
/**
 * The suite's scanner component library, shared by every scanning screen
 * (My Counts of omni_stock_cycle_count, the receiving and transfer scanner of
 * omni_stock_barcode): one place for scan input, feedback, the offline queue and
 * the number pad.
 *
 * - useScanInput: scans from a keyboard-wedge scanner (Odoo's barcode service),
 *   the code field (Enter) and the camera (Odoo's BarcodeDetector dialog, when the
 *   browser has one);
 * - scanFeedback: a short tone and a flash of the screen (ok, error, queued);
 * - OfflineQueue: scans kept in localStorage, each with its own ID, while the
 *   network is down, sent once in order when it is back (the server answers a
 *   scan ID it has seen with its first answer: no double receipt);
 * - NumPad: a number pad for phones without a keyboard.
 */
import { Component, onWillUnmount, xml } from "@odoo/owl";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { browser } from "@web/core/browser/browser";
import { ConnectionLostError } from "@web/core/network/rpc";
import { useBus } from "@web/core/utils/hooks";

/** A new scan ID (UUID v4). */
export function newScanId() {
    if (browser.crypto?.randomUUID) {
        return browser.crypto.randomUUID();
    }
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
        const r = (Math.random() * 16) | 0;
        return (c === "x" ? r : (r & 0x3) | 0x8).toString(16);
    });
}

/** Whether a failed call never got its answer (network down), as opposed to a refusal. */
export function isOfflineError(error) {
    return error instanceof ConnectionLostError;
}

/** What the user reads of a refused call. */
export function errorMessage(error) {
    return error?.data?.message || error?.message || String(error);
}

let audioContext = null;
const TONES = { ok: [880, 0.08], error: [220, 0.3], queued: [520, 0.15] };

/** A short tone and a flash of the screen: "ok", "error" or "queued". */
export function scanFeedback(kind) {
    const [frequency, seconds] = TONES[kind] || TONES.ok;
    try {
        const AudioContext = browser.AudioContext || browser.webkitAudioContext;
        if (AudioContext) {
            audioContext = audioContext || new AudioContext();
            const oscillator = audioContext.createOscillator();
            const gain = audioContext.createGain();
            oscillator.frequency.value = frequency;
            gain.gain.value = 0.1;
            oscillator.connect(gain).connect(audioContext.destination);
            oscillator.start();
            oscillator.stop(audioContext.currentTime + seconds);
        }
    } catch {
        // no sound: the flash and the message remain
    }
    const body = document.body;
    const cls = `o_omni_scan_flash_${kind}`;
    body.classList.add(cls);
    browser.setTimeout(() => body.classList.remove(cls), 250);
    if (kind === "error" && browser.navigator?.vibrate) {
        browser.navigator.vibrate(200);
    }
}

/**
 * Scans for a component: ``onScan(barcode)`` is called for each scan of a
 * keyboard-wedge scanner, each code typed in a field bound to ``onCodeKeydown``
 * and each camera read. Returns {onCodeKeydown(ev, read, clear), scanWithCamera,
 * cameraSupported}.
 */
export function useScanInput(component, onScan) {
    const env = component.env;
    const scanned = (barcode) => {
        barcode = (barcode || "").trim();
        if (barcode) {
            return onScan(barcode);
        }
    };
    useBus(env.services.barcode.bus, "barcode_scanned", (ev) => scanned(ev.detail.barcode));
    return {
        cameraSupported: isBarcodeScannerSupported(),
        /** Enter in a code field: ``read()`` gives its value, ``clear()`` empties it. */
        async onCodeKeydown(ev, read, clear) {
            if (ev.key === "Enter") {
                const code = read();
                clear();
                await scanned(code);
            }
        },
        async scanWithCamera() {
            let barcode;
            try {
                barcode = await scanBarcode(env);
            } catch {
                return; // closed, or no camera permission: the dialog said why
            }
            await scanned(barcode);
        },
    };
}

/**
 * Scans waiting for the network, kept in localStorage under ``key``. Each item
 * carries its own scan ID, so sending one twice is harmless.
 */
export class OfflineQueue {
    constructor(key) {
        this.key = `omni_scan_queue:${key}`;
    }
    list() {
        try {
            return JSON.parse(browser.localStorage.getItem(this.key) || "[]");
        } catch {
            return [];
        }
    }
    save(items) {
        if (items.length) {
            browser.localStorage.setItem(this.key, JSON.stringify(items));
        } else {
            browser.localStorage.removeItem(this.key);
        }
    }
    get size() {
        return this.list().length;
    }
    push(item) {
        this.save([...this.list(), item]);
    }
    /**
     * Send the queued scans in order with ``send(item)``. A scan the server refuses
     * is dropped and passed to ``onRefused(item, error)``; the network failing again
     * stops the flush (the rest stays queued). Returns the answers received.
     */
    async flush(send, onRefused = () => {}) {
        const answers = [];
        if (this._flushing) {
            return answers;
        }
        this._flushing = true;
        try {
            let items = this.list();
            while (items.length) {
                const [item] = items;
                try {
                    answers.push(await send(item));
                } catch (error) {
                    if (isOfflineError(error)) {
                        break;
                    }
                    onRefused(item, error);
                }
                items = this.list().filter((queued) => queued.uuid !== item.uuid);
                this.save(items);
            }
        } finally {
            this._flushing = false;
        }
        return answers;
    }
}

/** Calls ``callback`` whenever the browser says the network is back. */
export function useOnline(callback) {
    const listener = () => callback();
    browser.addEventListener("online", listener);
    onWillUnmount(() => browser.removeEventListener("online", listener));
}

/** A number pad writing into ``value`` (a string) through ``onChange``. */
export class NumPad extends Component {
    static template = xml`
        <div class="o_omni_numpad d-grid gap-1 mb-2" style="grid-template-columns: repeat(3, 1fr)">
            <t t-foreach="keys" t-as="key" t-key="key">
                <button type="button" class="btn btn-light border o_omni_numpad_key"
                        t-att-data-key="key" t-on-click="() => this.press(key)" t-esc="key"/>
            </t>
        </div>`;
    static props = { value: { type: String, optional: true }, onChange: Function };

    setup() {
        this.keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "C", "0", "."];
    }

    press(key) {
        const value = this.props.value || "";
        if (key === "C") {
            this.props.onChange("");
        } else if (key === "." && value.includes(".")) {
            return;
        } else {
            this.props.onChange(value + key);
        }
    }
}
