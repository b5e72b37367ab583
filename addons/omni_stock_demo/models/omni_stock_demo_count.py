"""The demo retailer's cycle counts: classes, a plan, a store losing trust, a pick short."""

from odoo import Command, api, models

# the store whose counts drop it below its channel's minimum accuracy
DISTRUSTED_STORE = ("BOD", 90.0)
# (variant, counted as difference to the stock): two exact, two 3 short
STORE_COUNTS = (("tee_blk_s", 0), ("tee_wht_s", 0), ("hood_gry_m", -3), ("jean_ind_30", -3))
PICK_SHORT = ("tee_nvy_l", 2)
COUNTERS = (("lea", "Léa Martin (counter)"), ("hugo", "Hugo Bernard (counter)"))


class OmniStockDemoCount(models.AbstractModel):
    """Cycle counts on the demo retailer (after the retailer, before the web shop)."""

    _name = "omni.stock.demo.count"
    _inherit = "omni.stock.demo.loader"
    _description = "Omnichannel Demo: Cycle Counts"

    @api.model
    def _load_count(self):
        if self.env.ref("omni_stock_demo.user_counter_lea", raise_if_not_found=False):
            return
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        central = self.env.ref("omni_stock_demo.wh_central")
        central.write({"omni_count_capacity": 40, "omni_count_weekends": True})
        self.env.ref("omni_stock_demo.categ_shoes").write(
            {"omni_shrink_prone": True, "omni_shrink_frequency_days": 14})
        counters = self._load_counters()
        self.env["omni.stock.abc.class"]._omni_classify(central, source="manual")
        self._load_store_counts(counters)
        self._load_pick_short(central)
        self.env["omni.stock.count.task"]._omni_generate_plan(central)

    def _load_counters(self):
        """Léa and Hugo count blind: the counter role, no Inventory right."""
        company = self.env.ref("base.main_company")
        counters = self.env["res.users"]
        for key, name in COUNTERS:
            counters |= self._xmlid(f"user_counter_{key}", self.env["res.users"].create({
                "name": name, "login": f"counter.{key}@maison-lumiere.example",
                "company_id": company.id, "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set(self._demo_counter_group_ids())],
            }))
        return counters

    def _demo_counter_group_ids(self):
        return [self.env.ref("omni_stock_cycle_count.group_count_counter").id]

    @api.model
    def _demo_counter_groups(self):
        """Léa and Hugo of a demo made before the counter role become pure counters."""
        for key, _name in COUNTERS:
            counter = self.env.ref(f"omni_stock_demo.user_counter_{key}",
                                   raise_if_not_found=False)
            if counter and counter.has_group("stock.group_stock_user"):
                counter.groups_id = [Command.set(self._demo_counter_group_ids())]

    def _load_store_counts(self, counters):
        """Léa counts four products in the store, two are 3 short; Hugo's blind
        recount confirms them: 2 of 4 lines within tolerance, 50 %."""
        code, required = DISTRUSTED_STORE
        store = self.env.ref(f"omni_stock_demo.wh_{code.lower()}")
        self.env.ref(f"omni_stock_demo.channel_{code.lower()}").min_location_accuracy = required
        location = store.lot_stock_id
        location.barcode = location.barcode or f"{code}-STOCK"
        Quant = self.env["stock.quant"]
        counts = {}
        for variant_code, difference in STORE_COUNTS:
            product = self.env.ref(f"omni_stock_demo.product_{variant_code}")
            on_hand = Quant._omni_onhand(product, location)
            if on_hand < 6:
                Quant._update_available_quantity(product, location, 6 - on_hand)
                on_hand = 6
            counts[product] = on_hand + difference
        task = self.env["omni.stock.count.task"].create({
            "location_id": location.id, "warehouse_id": store.id, "trigger": "manual",
            "trigger_note": "Store audit"})
        self._xmlid("count_task_store_audit", task)
        task._omni_add_lines(self.env["product.product"].union(*counts))
        first, second = counters
        for user, products in ((first, counts), (second, None)):
            as_user = task.with_user(user)
            for line in task.line_ids.filtered(lambda line: line.state in ("todo", "recount")):
                if products is None or line.product_id in products:
                    as_user._omni_add_product_count(line.product_id, counts[line.product_id])
            as_user.action_submit()

    def _load_pick_short(self, central):
        """A picker (the administrator, an Inventory user) finds 2 missing."""
        code, quantity = PICK_SHORT
        product = self.env.ref(f"omni_stock_demo.product_{code}")
        short = self.env["omni.stock.pick.short"].with_user(
            self.env.ref("base.user_admin"))._omni_report(product, central.lot_stock_id, quantity)
        # earned: demo data, loaded by the module's install (superuser)
        self._xmlid("pick_short_demo", short.sudo())
