# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import settlement


class OmniStockConsignmentAgreement(models.Model):
    """The terms on which the retailer sells a vendor's (owner's) stock."""

    _name = "omni.stock.consignment.agreement"
    _description = "Consignment Agreement"
    _inherit = ["mail.thread"]
    _order = "partner_id, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Owner (Vendor)", required=True, index=True, tracking=True,
        help="Stock received with this owner stays the vendor's until it is sold.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True, tracking=True)
    channel_ids = fields.Many2many(
        "omni.channel", "omni_consign_agreement_channel_rel", "agreement_id", "channel_id",
        string="Channels Allowed", check_company=True, tracking=True,
        help="Only these channels see and sell the owner's stock. Other channels do not "
        "promise it and their orders never reserve it.")
    price_mode = fields.Selection(
        [("fixed", "Fixed price (vendor's price list)"),
         ("share", "Share of the sale price")],
        string="Settlement Price", default="fixed", required=True, tracking=True,
        help="Fixed: the vendor's price for the product (Purchase tab of the product). "
        "Share: this percentage of the unit price the goods were sold at (tax excluded); "
        "scraps and losses at the product's sales price.")
    share_percent = fields.Float(
        string="Vendor Share (%)", default=0.0, tracking=True,
        help="Share of the sale price owed to the vendor.")
    period = fields.Selection(
        [("monthly", "Monthly"), ("weekly", "Weekly")], string="Settlement Period",
        default="monthly", required=True, tracking=True,
        help="Each period gets one draft self-billing vendor bill per owner.")
    consume_first = fields.Selection(
        [("own", "Own stock first"), ("consigned", "Consigned stock first")],
        string="Consume", default="consigned", required=True, tracking=True,
        help="Whether orders take the owner's units before or after the retailer's own.")
    unchanneled_moves = fields.Boolean(
        "Moves Without Channel", default=True, tracking=True,
        help="Moves that serve no sales channel (manual deliveries, internal transfers, "
        "replenishment) may take the owner's units, in the consumption order above. Off: "
        "only the orders of the channels allowed take them; other moves take them only "
        "when they name the owner.")
    bill_ids = fields.One2many(
        "account.move", "omni_consign_agreement_id", string="Settlement Bills")
    bill_count = fields.Integer(compute="_compute_bill_count")

    _sql_constraints = [
        ("share_percent_range", "CHECK(share_percent >= 0 AND share_percent <= 100)",
         "A vendor share is a percentage between 0 and 100."),
    ]

    @api.depends("bill_ids")
    def _compute_bill_count(self):
        for agreement in self:
            agreement.bill_count = len(agreement.bill_ids)

    # ------------------------------------------------------------------ checks

    @api.constrains("partner_id", "company_id", "active")
    def _check_one_agreement_per_owner(self):
        for agreement in self.filtered("active"):
            if self.search_count([
                ("id", "!=", agreement.id), ("partner_id", "=", agreement.partner_id.id),
                ("company_id", "=", agreement.company_id.id),
            ]):
                raise ValidationError(self.env._(
                    "%s already has an active consignment agreement in this company.",
                    agreement.partner_id.display_name))

    @api.constrains("partner_id", "company_id")
    def _check_owner_is_not_the_company(self):
        for agreement in self:
            if agreement.partner_id == agreement.company_id.partner_id:
                raise ValidationError(self.env._(
                    "The company's own stock is not consigned: choose a vendor."))

    @api.constrains("price_mode", "share_percent")
    def _check_share(self):
        for agreement in self:
            if agreement.price_mode == "share" and not agreement.share_percent:
                raise ValidationError(self.env._(
                    "A settlement by share of the sale price needs the vendor's share."))

    # ------------------------------------------------------------------ rules

    @api.model
    def _allowed_owner_ids(self, channel):
        """Owners whose stock ``channel`` may sell (one query, no record rules: the
        engine's scope is the channel's, already checked by its caller)."""
        if not channel:
            return []
        self.flush_model(["active", "partner_id", "channel_ids"])
        self.env.cr.execute(SQL(
            """
            SELECT a.partner_id
              FROM omni_stock_consignment_agreement a
              JOIN omni_consign_agreement_channel_rel rel ON rel.agreement_id = a.id
             WHERE a.active AND rel.channel_id = %s
            """,
            channel.id,
        ))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _unchanneled_owner_ids(self, company):
        """Owners whose stock the moves of ``company`` serving no channel may take (one
        query, no record rules: a rule of the stock, whoever moves it)."""
        self.flush_model(["active", "partner_id", "company_id", "unchanneled_moves"])
        self.env.cr.execute(SQL(
            """
            SELECT partner_id FROM omni_stock_consignment_agreement
             WHERE active AND unchanneled_moves AND company_id = %s
            """,
            company.id,
        ))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _consume_first_owner_ids(self, owner_ids):
        """Those of ``owner_ids`` whose stock goes before the retailer's own."""
        if not owner_ids:
            return set()
        self.flush_model(["active", "partner_id", "consume_first"])
        self.env.cr.execute(SQL(
            """
            SELECT partner_id FROM omni_stock_consignment_agreement
             WHERE active AND consume_first = 'consigned' AND partner_id = ANY(%s)
            """,
            list(owner_ids),
        ))
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _for_owner(self, owner, company):
        """The active agreement of ``owner`` in ``company`` (empty when none)."""
        return self.with_context(active_test=True).search(
            [("partner_id", "=", owner.id), ("company_id", "=", company.id)], limit=1)

    def _period_bounds(self, day):
        """``(first day, last day)`` of the settlement period containing ``day``."""
        return settlement.period_bounds(day, self.period if self else "monthly")

    def _unit_price(self, product, sale_unit_price):
        """What one unit of ``product`` is owed to the owner, in the company currency.

        :param sale_unit_price: the unit price it was sold at (tax excluded), or
            ``None`` for a scrap or a loss.
        """
        if not self:
            return 0.0
        if self.price_mode == "share":
            price = product.lst_price if sale_unit_price is None else sale_unit_price
            return settlement.share_price(
                price, self.share_percent, self.company_id.currency_id.decimal_places)
        seller = product.seller_ids.filtered(
            lambda s: s.partner_id == self.partner_id
            and s.company_id in (self.company_id, self.env["res.company"]))[:1]
        if not seller:
            return 0.0
        return seller.currency_id._convert(
            seller.price, self.company_id.currency_id, self.company_id,
            fields.Date.context_today(self))

    def action_view_bills(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type")
        action["domain"] = [("omni_consign_agreement_id", "=", self.id)]
        action["context"] = {"default_move_type": "in_invoice", "create": False}
        return action
