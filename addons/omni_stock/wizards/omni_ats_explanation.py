from odoo import api, fields, models


class OmniAtsExplanation(models.TransientModel):
    """Why a channel may promise what it promises, for one product."""

    _name = "omni.ats.explanation"
    _description = "ATS Explanation"

    product_id = fields.Many2one("product.product", required=True, readonly=True)
    channel_id = fields.Many2one("omni.channel", required=True, readonly=True)
    ats = fields.Float("Available to Sell", readonly=True, digits="Product Unit of Measure")
    line_ids = fields.One2many("omni.ats.explanation.line", "explanation_id", readonly=True)

    @api.model
    def create_for(self, product, channel):
        explanation = self.env["omni.ats"].explain(product, channel)
        return self.create({
            "product_id": product.id,
            "channel_id": channel.id,
            "ats": explanation.ats,
            "line_ids": [
                fields.Command.create({
                    "sequence": index,
                    "kind": line.kind,
                    "description": line.description,
                    "location_id": line.location_id or False,
                    "quantity": line.quantity,
                    "excluded_quantity": line.excluded_quantity,
                })
                for index, line in enumerate(explanation.lines)
            ],
        })

    @api.model
    def open_for(self, product, channel):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("ATS of %(product)s in %(channel)s",
                               product=product.display_name, channel=channel.name),
            "res_model": self._name,
            "res_id": self.create_for(product, channel).id,
            "view_mode": "form",
            "target": "new",
        }


class OmniAtsExplanationLine(models.TransientModel):
    _name = "omni.ats.explanation.line"
    _description = "ATS Explanation Line"
    _order = "sequence"

    explanation_id = fields.Many2one("omni.ats.explanation", required=True, ondelete="cascade")
    sequence = fields.Integer()
    kind = fields.Selection([
        ("sellable", "Sellable stock"),
        ("reserved", "Reserved"),
        ("withheld", "Withheld"),
        ("demand", "Ordered, not reserved"),
        ("untrusted", "Untrusted location"),
        ("hold", "Hold"),
        ("safety", "Safety stock"),
        ("allocation", "Allocation cap"),
        ("floor", "Floor at zero"),
        ("supply", "Probable supply"),
    ], readonly=True)
    description = fields.Char(readonly=True)
    location_id = fields.Many2one("stock.location", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    excluded_quantity = fields.Float(
        readonly=True, digits="Product Unit of Measure",
        help="Stock left out of the ATS (untrusted locations, probable supply).",
    )
