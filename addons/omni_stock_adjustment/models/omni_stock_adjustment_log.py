# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.addons.omni_stock.tools.guard import without_defaults
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools import FINANCE_GROUP
from .omni_stock_adjustment_reason import CATEGORIES

SOURCES = [
    ("count", "Inventory count"),
    ("wizard", "Update Quantity wizard"),
    ("import", "Import"),
    ("scrap", "Scrap"),
    ("api", "API / direct write"),
    ("system", "System"),
    ("release", "Status release"),
]

EVENTS = [
    ("applied", "Applied"),
    ("requested", "Sent for approval"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn by the requester"),
    ("lock_date", "Lock date changed"),
    ("released", "Released (status change)"),
]


class OmniStockAdjustmentLog(models.Model):
    """Append-only audit trail of stock adjustments.

    Entries are created by :meth:`_omni_log` only (server side, sudo); no one
    can write or delete them through the ORM.
    """

    _name = "omni.stock.adjustment.log"
    _description = "Stock Adjustment Audit Log"
    _order = "id desc"
    _rec_name = "product_id"

    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    event = fields.Selection(EVENTS, required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    product_id = fields.Many2one("product.product", readonly=True, index=True, ondelete="restrict")
    location_id = fields.Many2one("stock.location", readonly=True, ondelete="restrict")
    location_dest_id = fields.Many2one(
        "stock.location", "Released To", readonly=True, ondelete="restrict",
        help="A status release moves the stock from the location to this one.")
    lot_id = fields.Many2one("stock.lot", "Lot/Serial", readonly=True, ondelete="restrict")
    package_id = fields.Many2one("stock.quant.package", readonly=True, ondelete="set null")
    owner_id = fields.Many2one("res.partner", readonly=True, ondelete="restrict")
    quantity_before = fields.Float(digits="Product Unit of Measure", readonly=True)
    quantity_after = fields.Float(digits="Product Unit of Measure", readonly=True)
    quantity_delta = fields.Float("Change", digits="Product Unit of Measure", readonly=True)
    value = fields.Float(help="Absolute change x product cost.", readonly=True,
                         groups=FINANCE_GROUP)
    reason_id = fields.Many2one("omni.stock.adjustment.reason", readonly=True, ondelete="restrict")
    reason_category = fields.Selection(CATEGORIES, readonly=True)
    note = fields.Text(readonly=True)
    source = fields.Selection(SOURCES, readonly=True)
    requester_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    counter_ids = fields.Many2many(
        "res.users",
        "omni_stock_adjustment_log_counter_rel",
        "log_id",
        "user_id",
        "Counted By",
        readonly=True,
        help="Who entered the counted or scrapped quantity.",
    )
    approver_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    requested_at = fields.Datetime(readonly=True)
    decided_at = fields.Datetime(readonly=True)
    decision_comment = fields.Text(readonly=True)
    request_id = fields.Many2one(
        "omni.stock.adjustment.request", readonly=True, ondelete="restrict", index=True
    )
    scrap_id = fields.Many2one("stock.scrap", readonly=True, ondelete="restrict")

    def init(self):
        # the running totals read the recent entries of a user
        create_index(
            self.env.cr,
            "omni_stock_adjustment_log_running_idx",
            self._table,
            ["requester_id", "date"],
            where="event = 'applied'",
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("Audit log entries are written by the system only."))
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The stock adjustment audit log cannot be modified."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The stock adjustment audit log cannot be deleted."))

    @api.model
    def _omni_log(self, vals_list):
        # earned: each caller logs what it checked (the policy, a decision, finance's close)
        # sudo: the log is written by the system only; its date and everything not in
        # ``vals_list`` come from the fields' defaults, never from the caller's context
        return without_defaults(self.sudo()).create(vals_list).sudo(False)

    # ------------------------------------------------------------------
    # values (one place for every adjustment: count, scrap, request)
    # ------------------------------------------------------------------
    @api.model
    def _omni_target_vals(self, record):
        """The stock a quant, scrap or request touches, as request and log values."""
        return {
            "company_id": (record.company_id or self.env.company).id,
            "product_id": record.product_id.id,
            "location_id": record.location_id.id,
            "lot_id": record.lot_id.id,
            "package_id": record.package_id.id,
            "owner_id": record.owner_id.id,
        }

    @api.model
    def _prepare_log_vals(self, event, entry):
        """Log values of an adjustment ``entry`` (see ``omni.stock.adjustment.policy``).

        Extend with ``super()`` to log more. ``quantity_after`` is the stock
        after the change when it is applied (or released: the stock left in the
        location), the stock before otherwise.
        """
        request = entry.get("request")
        reason = entry["reason"]
        before = entry["quantity_before"]
        return {
            "event": event,
            **self._omni_target_vals(entry["target"]),
            "quantity_before": before,
            "quantity_after": (
                before + entry["delta"] if event in ("applied", "released") else before
            ),
            "quantity_delta": entry["delta"],
            "value": entry["value"],
            "reason_id": reason.id,
            "reason_category": reason.category,
            "note": entry.get("note") or False,
            "source": entry["source"],
            "counter_ids": [Command.set(entry["counters"].ids)],
            "requester_id": request.requester_id.id if request else self.env.uid,
            "approver_id": request.approver_id.id if request else False,
            "requested_at": request.create_date if request else fields.Datetime.now(),
            "decided_at": request.decided_at if request else False,
            "decision_comment": request.decision_comment if request else False,
            "request_id": request.id if request else False,
            "scrap_id": entry["scrap"].id if entry.get("scrap") else False,
            "location_dest_id": (
                entry["location_dest"].id if entry.get("location_dest") else False
            ),
        }

    # ------------------------------------------------------------------
    # running totals
    # ------------------------------------------------------------------
    @api.model
    def _omni_running_totals(self, keys_by_window):
        """What the current user changed without approval, per window.

        ``keys_by_window`` maps a window (hours) to (product id, location id)
        pairs; returns {(window, product id, location id): [|quantity|, value]}
        in one query per window.
        """
        totals = defaultdict(lambda: [0.0, 0.0])
        now = fields.Datetime.now()
        self.flush_model()
        for window, keys in keys_by_window.items():
            if not window or not keys:
                continue
            self.env.cr.execute(
                SQL(
                    """
                    SELECT product_id, location_id, SUM(ABS(quantity_delta)), SUM(value)
                      FROM omni_stock_adjustment_log
                     WHERE event = 'applied' AND approver_id IS NULL
                       AND requester_id = %(user)s AND date >= %(since)s
                       AND product_id = ANY(%(products)s) AND location_id = ANY(%(locations)s)
                  GROUP BY product_id, location_id
                    """,
                    user=self.env.uid,
                    since=now - timedelta(hours=window),
                    products=list({product for product, _location in keys}),
                    locations=list({location for _product, location in keys}),
                )
            )
            for product, location, quantity, value in self.env.cr.fetchall():
                totals[window, product, location] = [quantity, value]
        return totals
