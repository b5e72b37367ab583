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


def _stock_field(string, bucket, **kwargs):
    """A product figure of the engine: computed per context, searchable ("ATS < 5")."""

    def search(products, operator, value):
        return products._search_omni_bucket(operator, value, bucket)

    search.__name__ = f"_search_omni_{bucket}"
    return fields.Float(string, compute="_compute_omni_stock", search=search,
                        digits="Product Unit of Measure", **kwargs)


class ProductProduct(models.Model):
    _inherit = "product.product"

    # the Availability list's channel selector: searching a channel puts it in context
    # (the figures change, the products listed do not), as Odoo's warehouse_id does
    omni_channel_scope_id = fields.Many2one("omni.channel", "Sales Channel", store=False)

    omni_on_hand = _stock_field("On Hand (all statuses)", "on_hand")
    omni_sellable = _stock_field("Sellable", "sellable")
    omni_reserved = _stock_field("Reserved", "reserved")
    omni_unpickable = _stock_field("Unpickable", "unpickable")
    omni_damaged = _stock_field("Damaged", "damaged")
    omni_quarantine = _stock_field("Quarantined", "quarantine")
    omni_inspection = _stock_field("Awaiting Inspection", "inspection")
    omni_in_transit = _stock_field("In Transit", "in_transit")
    omni_incoming = _stock_field("Incoming (ATS scope)", "incoming")
    omni_ats = _stock_field(
        "Available to Sell", "ats",
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

    def _omni_context_channel(self):
        channel_id = self.env.context.get("omni_channel_id")
        if isinstance(channel_id, list) and len(channel_id) == 1:
            channel_id = channel_id[0]  # one channel chosen in a search facet
        # search, not browse: record rules decide which channels this user may use
        Channel = self.env["omni.channel"]
        if isinstance(channel_id, str) and channel_id.strip():
            # a name typed in the search bar ("Search Sales Channel for: web")
            return Channel.search(["|", ("name", "ilike", channel_id.strip()),
                                   ("code", "=ilike", channel_id.strip())], limit=1) or None
        if not isinstance(channel_id, int) or isinstance(channel_id, bool):
            return None
        return Channel.search([("id", "=", channel_id)]) or None

    def _omni_context_locations(self):
        """Roots given by the usual ``location`` / ``warehouse_id`` context keys: they
        only narrow what is shown, to locations the user may read (search, not browse:
        record rules decide; another company's ids are ignored)."""
        ctx = self.env.context
        for key, model in (("location", "stock.location"), ("warehouse_id", "stock.warehouse")):
            if not ctx.get(key):
                continue
            ids = ctx[key] if isinstance(ctx[key], list) else [ctx[key]]
            ids = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
            records = self.env[model].search([("id", "in", ids)])
            return records.view_location_id if model == "stock.warehouse" else records
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

    omni_ats = fields.Float(
        "Available to Sell", compute="_compute_omni_ats", digits="Product Unit of Measure",
        help="The variants' figures added up (one engine call): with a channel in context "
        "(omni_channel_id), that channel's ATS; otherwise sellable stock not reserved.")

    @api.depends_context("omni_channel_id", "warehouse_id", "location", "allowed_company_ids")
    def _compute_omni_ats(self):
        Product = self.env["product.product"]
        variants = self.product_variant_ids.filtered("id")
        figures = self.env["omni.ats"].compute(
            variants, channel=Product._omni_context_channel(),
            locations=Product._omni_context_locations(), detail=False)
        for template in self:
            template.omni_ats = sum(figures.get(variant.id, {}).get("ats", 0.0)
                                    for variant in template.product_variant_ids)

    def action_omni_breakdown(self):
        self.ensure_one()
        return self.env["omni.ats.breakdown"].open_for(self.product_variant_ids)
