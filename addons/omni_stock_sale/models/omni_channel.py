from odoo import fields, models
from odoo.addons.omni_stock.tools import ats_formula


class OmniChannel(models.Model):
    _inherit = "omni.channel"

    oversell_policy = fields.Selection(
        [("block", "Block the confirmation"), ("backorder", "Confirm as a backorder")],
        default="block", required=True, tracking=True,
        help="When a sale order of this channel asks for more than the channel's ATS.",
    )
    sale_partner_id = fields.Many2one(
        "res.partner", string="Customer for API Orders", check_company=True,
        help="Sale orders confirmed through the availability API are made for this "
        "customer (e.g. the marketplace itself).",
    )
    sale_team_id = fields.Many2one(
        "crm.team", string="Sales Team for API Orders", check_company=True)
    sale_hold_ttl_hours = fields.Integer(
        string="Quotation Hold (hours)", default=24,
        help="How long 'Hold Stock' on a quotation keeps the stock.",
    )

    def _omni_available_to_holder(self, product, figures, held=0.0, held_before=0.0):
        """What this channel may promise of ``product`` to whoever holds ``held`` of it.

        The holder's own holds were taken from the ATS for it, so they count as available
        to it, but never beyond what the channel may promise at all (its pool after other
        channels' holds, safety stock and allocation cap): when stock fell below what the
        channel's holds cover, the first holder to confirm gets the units and the others
        are refused, instead of every holder confirming its hold.

        :param figures: the lean engine figures of ``product`` in this channel.
        :param held_before: the channel's holds of ``product`` made before the holder's;
            given, the oldest holds are served first when stock fell below the holds.
        """
        self.ensure_one()
        held = max(0.0, min(held, figures["holds_own"]))
        if not held:
            return figures["ats"]
        ceiling = ats_formula.ats(
            figures["pool"], figures["safety"], self.allocation_percent,
            self.env["omni.ats"].rounding(product), holds_other=figures["holds_other"])
        return min(figures["ats"] + held, max(0.0, ceiling - held_before))
