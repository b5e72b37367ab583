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
    omniGetStock(product) {
        if (!product || !product.is_storable) {
            return undefined;
        }
        return this.omniStock[product.id];
    },
    async omniLoadStock(productIds = null) {
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
