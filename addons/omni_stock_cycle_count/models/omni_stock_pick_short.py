# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.omni_stock.tools import validate
from odoo.exceptions import UserError
from odoo.tools import SQL, float_is_zero

STATES = [("open", "Count pending"), ("resolved", "Settled by a count")]


class OmniStockPickShort(models.Model):
    """A picker found less than expected: the missing quantity is withheld
    from every channel's ATS until the urgent count of that location settles it."""

    _name = "omni.stock.pick.short"
    _description = "Pick Reported Short"
    _order = "id desc"
    _rec_name = "product_id"

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True)
    location_id = fields.Many2one("stock.location", required=True, readonly=True, index=True)
    quantity = fields.Float("Missing", digits="Product Unit of Measure", readonly=True)
    move_id = fields.Many2one("stock.move", readonly=True)
    picking_id = fields.Many2one("stock.picking", readonly=True)
    user_id = fields.Many2one("res.users", "Reported By", readonly=True)
    task_id = fields.Many2one("omni.stock.count.task", "Count Task", readonly=True)
    state = fields.Selection(STATES, required=True, default="open", readonly=True, index=True)
    resolved_at = fields.Datetime(readonly=True)

    def init(self):
        """A pick short withholds stock with no stock row written: the change feed hears
        of it (its product), like of every other part of ATS."""
        # before 18.0.1.2: a function of its own (and its triggers)
        self.env.cr.execute("DROP FUNCTION IF EXISTS omni_stock_change_pick_short() CASCADE")
        self.env["omni.stock.change"]._create_product_triggers(
            self._table, ("product_id", "location_id", "quantity", "state"))

    @api.model
    def _omni_report(self, product, location, quantity, move=None):
        """Record a pick short of ``quantity`` (reported by the current user),
        withhold it and create or extend the location's urgent count."""
        if not self.env.user.has_group("stock.group_stock_user"):
            raise UserError(self.env._("Only inventory users report picks short."))
        location.check_access("read")
        if location.usage != "internal" or not location.warehouse_id:
            raise UserError(self.env._("%(location)s is not a warehouse stock location.",
                                       location=location.display_name))
        quantity = validate.quantity(self.env, quantity, self.env._("The missing quantity"))
        if float_is_zero(quantity, precision_rounding=product.uom_id.rounding):
            raise UserError(self.env._("The missing quantity must be positive."))
        task = self.env["omni.stock.count.task"]._omni_trigger(
            "pick_short", location, product, f"pick_short:{location.id}:{product.id}",
            # counters read the note: the missing quantity is the managers'
            note=self.env._("%(product)s reported short by %(user)s",
                            product=product.display_name, user=self.env.user.name),
            detail=self.env._("%(qty)s %(product)s reported short by %(user)s",
                              qty=quantity, product=product.display_name,
                              user=self.env.user.name),
        )
        return self.sudo().create(self._prepare_pick_short_vals(
            product, location, quantity, move, task)).sudo(False)

    @api.model
    def omni_scanner_report_short(self, location_barcode, product_barcode, quantity):
        """The scanner's "Report short": barcodes of the location and product."""
        companies = self.env.companies.ids
        location_barcode = validate.text(self.env, location_barcode,
                                         self.env._("The location barcode"))
        product_barcode = validate.text(self.env, product_barcode,
                                        self.env._("The product barcode"))
        location = self.env["stock.location"].search(
            [("barcode", "=", location_barcode), ("company_id", "in", companies)], limit=1)
        if not location:
            raise UserError(self.env._("Unknown location barcode %(barcode)s.",
                                       barcode=location_barcode))
        product = self.env["product.product"].search(
            [("barcode", "=", product_barcode), ("company_id", "in", [False, *companies])],
            limit=1)
        if not product:
            raise UserError(self.env._("Unknown product barcode %(barcode)s.",
                                       barcode=product_barcode))
        # the scanner sends the quantity as typed
        quantity = validate.quantity(self.env, quantity, self.env._("The missing quantity"),
                                     from_text=True)
        self._omni_report(product, location, quantity)
        return True

    @api.model
    def _prepare_pick_short_vals(self, product, location, quantity, move, task):
        return {
            "company_id": location.company_id.id or self.env.company.id,
            "product_id": product.id,
            "location_id": location.id,
            "quantity": quantity,
            "move_id": move.id if move else False,
            "picking_id": move.picking_id.id if move else False,
            "user_id": self.env.uid,
            "task_id": task.id,
        }

    @api.model
    def _omni_resolve(self, lines):
        """The counts of ``lines`` settle the open pick shorts of their product and location."""
        keys = {(line.product_id.id, line.location_id.id) for line in lines}
        shorts = self.search([("state", "=", "open"),
                              ("product_id", "in", [k[0] for k in keys]),
                              ("location_id", "in", [k[1] for k in keys])])
        shorts.filtered(lambda s: (s.product_id.id, s.location_id.id) in keys).write(
            {"state": "resolved", "resolved_at": fields.Datetime.now()})

    @api.model
    def _omni_withheld_part(self):
        return SQL(
            """
            SELECT product_id, location_id, 'pick_short'::varchar AS kind,
                   quantity::float8 AS quantity
              FROM omni_stock_pick_short WHERE state = 'open'
            """
        )
