import operator as py_operator

from odoo import api, fields, models
from odoo.exceptions import UserError

from .omni_ats import LEAN_BUCKETS

FIELD_BUCKETS = {
    "omni_on_hand": "on_hand",
    "omni_sellable": "sellable",
    "omni_reserved": "reserved",
    "omni_unpickable": "unpickable",
    "omni_damaged": "damaged",
    "omni_quarantine": "quarantine",
    "omni_inspection": "inspection",
    "omni_in_transit": "in_transit",
    "omni_incoming": "incoming",
    "omni_ats": "ats",
}
OPERATORS = {
    "<": py_operator.lt, ">": py_operator.gt, "<=": py_operator.le, ">=": py_operator.ge,
    "=": py_operator.eq, "!=": py_operator.ne,
}


class ProductProduct(models.Model):
    _inherit = "product.product"

    omni_on_hand = fields.Float(
        "On Hand (all statuses)", compute="_compute_omni_stock", search="_search_omni_on_hand",
        digits="Product Unit of Measure")
    omni_sellable = fields.Float(
        "Sellable", compute="_compute_omni_stock", search="_search_omni_sellable",
        digits="Product Unit of Measure")
    omni_reserved = fields.Float(
        "Reserved", compute="_compute_omni_stock", search="_search_omni_reserved",
        digits="Product Unit of Measure")
    omni_unpickable = fields.Float(
        "Unpickable", compute="_compute_omni_stock", search="_search_omni_unpickable",
        digits="Product Unit of Measure")
    omni_damaged = fields.Float(
        "Damaged", compute="_compute_omni_stock", search="_search_omni_damaged",
        digits="Product Unit of Measure")
    omni_quarantine = fields.Float(
        "Quarantined", compute="_compute_omni_stock", search="_search_omni_quarantine",
        digits="Product Unit of Measure")
    omni_inspection = fields.Float(
        "Awaiting Inspection", compute="_compute_omni_stock", search="_search_omni_inspection",
        digits="Product Unit of Measure")
    omni_in_transit = fields.Float(
        "In Transit", compute="_compute_omni_stock", search="_search_omni_in_transit",
        digits="Product Unit of Measure")
    omni_incoming = fields.Float(
        "Incoming (ATS scope)", compute="_compute_omni_stock", search="_search_omni_incoming",
        digits="Product Unit of Measure")
    omni_ats = fields.Float(
        "Available to Sell", compute="_compute_omni_stock", search="_search_omni_ats",
        digits="Product Unit of Measure",
        help="With a channel in context (omni_channel_id): that channel's ATS. "
        "Otherwise: sellable stock not reserved, in the warehouse or location in context.",
    )

    @api.depends_context("omni_channel_id", "warehouse_id", "location", "allowed_company_ids")
    def _compute_omni_stock(self):
        products = self.filtered("id")
        figures = self.env["omni.ats"].compute(
            products, channel=self._omni_context_channel(),
            locations=self._omni_context_locations(),
        )
        for product in self:
            values = figures.get(product.id, {})
            for field_name, bucket in FIELD_BUCKETS.items():
                product[field_name] = values.get(bucket, 0.0)

    def _search_omni_bucket(self, operator, value, bucket):
        """Products whose figure compares to ``value`` ("ATS < 5" in the product list):
        one engine call over the storable products of the allowed companies."""
        if operator not in OPERATORS or isinstance(value, bool) or not isinstance(
                value, (int, float)):
            raise UserError(self.env._("Compare stock figures with a number (<, >, =...)."))
        products = self.search([("is_storable", "=", True)])
        figures = self.env["omni.ats"].compute(
            products, channel=self._omni_context_channel(),
            locations=self._omni_context_locations(),
            detail=bucket not in LEAN_BUCKETS,
        )
        compare = OPERATORS[operator]
        return [("id", "in", [pid for pid, values in figures.items()
                              if compare(values.get(bucket, 0.0), value)])]

    def _search_omni_on_hand(self, operator, value):
        return self._search_omni_bucket(operator, value, "on_hand")

    def _search_omni_sellable(self, operator, value):
        return self._search_omni_bucket(operator, value, "sellable")

    def _search_omni_reserved(self, operator, value):
        return self._search_omni_bucket(operator, value, "reserved")

    def _search_omni_unpickable(self, operator, value):
        return self._search_omni_bucket(operator, value, "unpickable")

    def _search_omni_damaged(self, operator, value):
        return self._search_omni_bucket(operator, value, "damaged")

    def _search_omni_quarantine(self, operator, value):
        return self._search_omni_bucket(operator, value, "quarantine")

    def _search_omni_inspection(self, operator, value):
        return self._search_omni_bucket(operator, value, "inspection")

    def _search_omni_in_transit(self, operator, value):
        return self._search_omni_bucket(operator, value, "in_transit")

    def _search_omni_incoming(self, operator, value):
        return self._search_omni_bucket(operator, value, "incoming")

    def _search_omni_ats(self, operator, value):
        return self._search_omni_bucket(operator, value, "ats")


    def _omni_context_channel(self):
        channel_id = self.env.context.get("omni_channel_id")
        if not isinstance(channel_id, int):
            return None
        # search, not browse: record rules decide which channels this user may use
        return self.env["omni.channel"].search([("id", "=", channel_id)]) or None

    def _omni_context_locations(self):
        """Roots given by the usual ``location`` / ``warehouse_id`` context keys."""
        ctx = self.env.context
        if ctx.get("location"):
            ids = ctx["location"] if isinstance(ctx["location"], list) else [ctx["location"]]
            return self.env["stock.location"].browse(
                [i for i in ids if isinstance(i, int)]
            )
        if ctx.get("warehouse_id"):
            ids = ctx["warehouse_id"]
            ids = ids if isinstance(ids, list) else [ids]
            return self.env["stock.warehouse"].browse(
                [i for i in ids if isinstance(i, int)]
            ).view_location_id
        return None

    def action_omni_breakdown(self):
        self.ensure_one()
        return self.env["omni.ats.breakdown"].open_for(self)

    def action_omni_holds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock.action_omni_stock_hold")
        action["domain"] = [("product_id", "=", self.id)]
        return action

    def action_omni_positions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock.action_omni_stock_position"
        )
        action["domain"] = [("product_id", "=", self.id)]
        action["context"] = {"search_default_group_location": 1}
        return action


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def action_omni_breakdown(self):
        self.ensure_one()
        return self.env["omni.ats.breakdown"].open_for(self.product_variant_ids)
