import { patch } from "@web/core/utils/patch";
import { reactive } from "@odoo/owl";
import { PosStore } from "@point_of_sale/app/store/pos_store";

// the POS tells the server it is alive (and how many paid orders wait to be sent)
export const OMNI_HEARTBEAT_MS = 60000;

patch(PosStore.prototype, {
    async setup() {
        // product id -> ATS of the store channel, updated live
        this.omniStock = reactive({});
        await super.setup(...arguments);
        // the server sends {product id: ATS} of the products whose store ATS changed
        this.omniOnStockMessage = (payload) => this.omniSetStock(payload);
        this.data.connectWebSocket("OMNI_STOCK", this.omniOnStockMessage);
        this.omniHeartbeat();
        this.omniHeartbeatTimer = setInterval(() => this.omniHeartbeat(), OMNI_HEARTBEAT_MS);
    },
    async afterProcessServerData() {
        const result = await super.afterProcessServerData(...arguments);
        try {
            await this.omniLoadStock();
        } catch (error) {
            // the POS sells without badges rather than not at all
            console.warn("Store stock could not be loaded:", error);
        }
        return result;
    },
    omniSetStock(badges) {
        for (const [productId, ats] of Object.entries(badges || {})) {
            this.omniStock[productId] = ats;
        }
    },
    /** This POS sells from a channel: the suite's figures replace Odoo's on-hand. */
    omniHasChannel() {
        // a many2one to a model the POS does not load: read its raw id
        return Boolean(this.config.raw?.omni_channel_id || this.config.omni_channel_id);
    },
    omniGetStock(product) {
        if (!product || !product.is_storable) {
            return undefined;
        }
        return this.omniStock[product.id];
    },
    /**
     * The variants of a product's template loaded in the POS (the product itself for
     * a product without variants): a template's card stands for all of them.
     */
    omniVariants(product) {
        const tmplId = product.raw?.product_tmpl_id;
        if (!this.omniVariantIndex || !this.omniVariantIndex.has(tmplId)) {
            this.omniIndexVariants();
        }
        return this.omniVariantIndex.get(tmplId) || [product];
    },
    omniIndexVariants() {
        this.omniVariantIndex = new Map();
        for (const product of this.models["product.product"].getAll()) {
            const tmplId = product.raw?.product_tmpl_id;
            if (!this.omniVariantIndex.has(tmplId)) {
                this.omniVariantIndex.set(tmplId, []);
            }
            this.omniVariantIndex.get(tmplId).push(product);
        }
    },
    /**
     * What a product card shows: the store's ATS of the product, or for a template
     * with variants the sum of its variants' (the card is the template: one size at 0
     * says nothing of the others; each size's figure is in the attribute dialog).
     */
    omniCardStock(product) {
        if (!product || !product.is_storable) {
            return undefined;
        }
        const variants = this.omniVariants(product).filter((p) => p.is_storable);
        if (variants.length < 2) {
            return this.omniStock[product.id];
        }
        const figures = variants
            .map((p) => this.omniStock[p.id])
            .filter((ats) => ats !== undefined);
        return figures.length ? figures.reduce((sum, ats) => sum + ats, 0) : undefined;
    },
    /**
     * A figure as the cashier reads it: "19" for 19.0 units, "2.5" for 2.50 kg (the
     * unit of measure's decimals at most, no trailing zeros).
     */
    omniFormatQty(quantity, product) {
        if (quantity === undefined || quantity === null) {
            return "";
        }
        const rounding = product?.uom_id?.rounding || 1;
        const digits = rounding >= 1 ? 0 : Math.ceil(-Math.log10(rounding) - 1e-9);
        const text = String(parseFloat(Number(quantity).toFixed(digits)));
        return text === "-0" ? "0" : text;
    },
    async omniLoadStock(productIds = null) {
        if (!productIds) {
            this.omniIndexVariants();
        }
        const ids =
            productIds ||
            this.models["product.product"].filter((p) => p.is_storable).map((p) => p.id);
        if (!ids.length) {
            return;
        }
        // one call, one engine statement for every product
        const badges = await this.data.call("pos.config", "omni_stock_badges", [
            [this.config.id],
            ids,
        ]);
        this.omniSetStock(badges);
    },
    omniUnsyncedCount() {
        return this.models["pos.order"].filter((order) => order.isUnsyncedPaid).length;
    },
    async omniHeartbeat() {
        // silent: when offline, the next beat tells the server again
        await this.data.silentCall("pos.session", "omni_heartbeat", [
            [this.session.id],
            this.omniUnsyncedCount(),
        ]);
    },
    async syncAllOrders(options = {}) {
        const orders = await super.syncAllOrders(...arguments);
        if (orders && orders.length) {
            const ids = new Set();
            for (const order of orders) {
                for (const line of order.lines || []) {
                    if (line.product_id?.is_storable) {
                        ids.add(line.product_id.id);
                    }
                }
            }
            if (ids.size) {
                // this till sees its own sale at once; the others hear it over the bus
                await this.omniLoadStock([...ids]);
            }
            this.omniHeartbeat();
        }
        return orders;
    },
});
