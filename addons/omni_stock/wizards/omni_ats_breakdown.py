from odoo import api, fields, models


class OmniAtsBreakdown(models.TransientModel):
    """Status buckets and per-channel ATS of one or more product variants."""

    _name = "omni.ats.breakdown"
    _description = "ATS Breakdown"

    product_ids = fields.Many2many("product.product", readonly=True)
    line_ids = fields.One2many("omni.ats.breakdown.line", "breakdown_id", readonly=True)

    @api.model
    def create_for(self, products):
        engine = self.env["omni.ats"]
        Line = self.env["omni.ats.breakdown.line"]
        # the figures the line shows (addons add fields for their buckets)
        shown = [name for name in Line._fields if Line._fields[name].type == "float"]
        rows = []
        all_locations = self.env._("All locations (no channel rules)")
        # every channel of the user's companies: a handful, never a catalog's worth
        channels = self.env["omni.channel"].search(
            [("company_id", "in", self.env.companies.ids)])
        for channel in [None, *channels]:
            figures = engine.compute(products, channel=channel)
            for product in products:
                values = figures.get(product.id, {})
                rows.append(fields.Command.create({
                    "product_id": product.id,
                    "channel_id": channel.id if channel else False,
                    "scope": channel.display_name if channel else all_locations,
                    **{name: values.get(name, 0.0) for name in shown},
                }))
        return self.create({"product_ids": [fields.Command.set(products.ids)],
                            "line_ids": rows})

    @api.model
    def open_for(self, products):
        breakdown = self.create_for(products)
        if len(products) == 1:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Available to sell: %s", products.display_name),
                "res_model": self._name,
                "res_id": breakdown.id,
                "view_mode": "form",
                "target": "new",
            }
        # several variants: one group per channel, its variants inside (not one flat
        # row per channel and variant)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Available to sell by channel"),
            "res_model": "omni.ats.breakdown.line",
            "views": [(self.env.ref("omni_stock.omni_ats_breakdown_line_view_list").id,
                       "list")],
            "domain": [("breakdown_id", "=", breakdown.id)],
            "context": {"group_by": ["scope"], "create": False},
            "target": "current",
        }


class OmniAtsBreakdownLine(models.TransientModel):
    _name = "omni.ats.breakdown.line"
    _description = "ATS Breakdown Line"
    _order = "channel_id NULLS FIRST, product_id"

    breakdown_id = fields.Many2one("omni.ats.breakdown", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", readonly=True)
    channel_id = fields.Many2one(
        "omni.channel", readonly=True,
        help="Empty: every internal location of the company, no channel rules.",
    )
    scope = fields.Char(
        "Sales Channel", readonly=True,
        help="The channel whose rules give these figures, or all locations without "
        "channel rules.")
    on_hand = fields.Float(readonly=True, digits="Product Unit of Measure")
    sellable = fields.Float(readonly=True, digits="Product Unit of Measure")
    reserved = fields.Float(readonly=True, digits="Product Unit of Measure")
    unpickable = fields.Float(readonly=True, digits="Product Unit of Measure")
    damaged = fields.Float(readonly=True, digits="Product Unit of Measure")
    quarantine = fields.Float("Quarantined", readonly=True, digits="Product Unit of Measure")
    inspection = fields.Float("Awaiting Inspection", readonly=True,
                              digits="Product Unit of Measure")
    in_transit = fields.Float(readonly=True, digits="Product Unit of Measure")
    incoming = fields.Float(readonly=True, digits="Product Unit of Measure")
    demand = fields.Float("Ordered, Not Reserved", readonly=True,
                          digits="Product Unit of Measure")
    withheld = fields.Float(readonly=True, digits="Product Unit of Measure",
                            help="Sellable stock withheld from channels (pick short, POS...).")
    holds = fields.Float(readonly=True, digits="Product Unit of Measure")
    safety = fields.Float("Safety Stock", readonly=True, digits="Product Unit of Measure")
    ats = fields.Float("Available to Sell", readonly=True, digits="Product Unit of Measure")

    def action_explain(self):
        self.ensure_one()
        return self.env["omni.ats.explanation"].open_for(self.product_id, self.channel_id)
