# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.addons.omni_stock.tools.guard import without_defaults
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, float_repr, float_round
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
        log = without_defaults(self.sudo())
        if not log._omni_insertable(vals_list):
            return log.create(vals_list).sudo(False)
        return log._omni_insert(vals_list).sudo(False)

    @api.model
    def _omni_insertable(self, vals_list):
        """Whether :meth:`_omni_insert` writes these values: stored columns, and
        many2many fields given as ``Command.set``."""
        names = {name for vals in vals_list for name in vals}
        for name in names:
            field = self._fields.get(name)
            if field is None or not field.store or field.compute or field.type in (
                    "one2many", "binary", "properties") or field.translate:
                return False
            if field.type == "many2many" and not all(
                    command[0] == Command.SET for vals in vals_list
                    for command in vals.get(name) or ()):
                return False
        return True

    @api.model
    def _omni_insert(self, vals_list):
        """Audit entries in one INSERT (and one of their counters), as ``create`` would
        store them: an entry has no computed field and nothing happens when it is
        written, so the ORM's work per record (defaults, conversions, cache) is skipped.
        Values not given are the fields' defaults, read once for the batch. The values
        go as one array per column (a statement of the same size for any number of
        entries), inserted in the order given. Called in sudo by :meth:`_omni_log` only."""
        if not self.env.su:
            raise AccessError(self.env._("Audit log entries are written by the system only."))
        if not vals_list:
            return self.browse()
        given = {name for vals in vals_list for name in vals}
        everywhere = set.intersection(*(set(vals) for vals in vals_list))
        missing = [name for name, field in self._fields.items()
                   if name not in everywhere and field.store and not field.automatic
                   and field.column_type]
        defaults = self.default_get(missing)
        relations = [self._fields[name] for name in sorted(given)
                     if self._fields[name].type == "many2many"]
        columns = sorted({*given, *defaults} - {field.name for field in relations})
        rows = [{**defaults, **vals} for vals in vals_list]
        arrays = []
        for name in columns:
            to_column = self._omni_column_converter(self._fields[name])
            arrays.append(SQL(f"%s::{self._fields[name].column_type[1]}[]",
                              [to_column(values.get(name, False)) for values in rows]))
        now = SQL("(now() at time zone 'UTC')")
        self.env.cr.execute(SQL(
            """
            INSERT INTO %(table)s (create_uid, write_uid, %(columns)s, create_date, write_date)
            SELECT %(uid)s, %(uid)s, %(columns)s, %(now)s, %(now)s
              FROM unnest(%(arrays)s) WITH ORDINALITY AS given(%(columns)s, position)
             ORDER BY position
            RETURNING id
            """,
            table=SQL.identifier(self._table),
            columns=SQL(", ").join(SQL.identifier(name) for name in columns),
            uid=self.env.uid,
            now=now,
            arrays=SQL(", ").join(arrays),
        ))
        ids = [row[0] for row in self.env.cr.fetchall()]
        for field in relations:
            pairs = [(log_id, other) for log_id, vals in zip(ids, vals_list, strict=True)
                     for command in vals.get(field.name) or () for other in command[2]]
            if pairs:
                self.env.cr.execute(SQL(
                    "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int[], %s::int[])",
                    SQL.identifier(field.relation), SQL.identifier(field.column1),
                    SQL.identifier(field.column2),
                    [pair[0] for pair in pairs], [pair[1] for pair in pairs],
                ))
        records = self.browse(ids)
        # what the ORM keeps of related records (one2many of a request) is read again
        for name in columns:
            for inverse in self.pool.field_inverses[self._fields[name]]:
                self.env[inverse.model_name].invalidate_model([inverse.name])
        records.modified(columns + [field.name for field in relations], create=True)
        records._validate_fields(columns)
        return records

    @api.model
    def _omni_column_converter(self, field):
        """``value -> column value`` of one field, its precision read once."""
        if field.type == "float":
            digits = field.get_digits(self.env)
            if digits:
                return lambda value: float_repr(
                    float_round(float(value or 0.0), precision_digits=digits[1]), digits[1])
            return lambda value: float(value or 0.0)
        if field.type == "selection":
            allowed = set(field.get_values(self.env))

            def selection(value):
                if value and value not in allowed:
                    raise ValueError(f"Wrong value for {field}: {value!r}")
                return value or None

            return selection
        return lambda value: field.convert_to_column(value, self)

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
