"""The maintained ATS state: a channel's lean figures, read instead of recomputed.

A derived table, rebuildable at any time (:meth:`OmniAtsState._refresh`): for each
channel, one row per product of its catalog with the figures of
``omni.ats.compute(..., detail=False)``, and (``omni.ats.state.channel``) the change
feed position and the moment they were computed at.

Exactness comes from the change feed (:mod:`.omni_stock_change`), whose triggers
hear of every write that changes ATS:

* a refresh takes the feed position *first*, then computes the catalog with the live
  engine (one statement) and replaces the channel's rows: whatever commits in between
  is both in the figures and after the position (re-read, never missed);
* a read (:meth:`OmniAtsState._read`) lists the products the feed names after that
  position (the rows of transactions running at the refresh included: they may commit
  later with smaller ids), plus what changed with the clock alone since the figures'
  moment (:meth:`omni.ats._state_time_parts`: holds expiring, incoming moves entering
  the horizon, sales leaving the velocity window...). Those products are computed live,
  the others are read from the state. The reader's own uncommitted writes are in the
  feed too: a request sees its own changes;
* what neither the feed nor the clock parts can tell product by product is a *guard*
  (:meth:`omni.ats._state_guards`): a value read before the computation and again at
  each read (the set of offline POS stores, the returns' learned yields...); when it
  differs, or a feed row names every product (a rule, a source, a status changed), the
  read is live until the next refresh.

A cron job refreshes every channel each minute: incrementally (the dirty products
only) while the state is younger than ``omni_stock.ats_state_max_age_minutes``
(default 15), fully after that, and fully when a guard or a rule changed.
"""

import dataclasses
import json

from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools.params import positive_int_param
from .omni_ats import LEAN_BUCKETS

MAX_AGE_PARAM = "omni_stock.ats_state_max_age_minutes"
DEFAULT_MAX_AGE_MINUTES = 15
# advisory lock namespace of the refreshes (one lock per channel)
LOCK_NAMESPACE = 0x0A75


class OmniAtsState(models.Model):
    """One product's lean ATS figures in one channel, as of its channel's position."""

    _name = "omni.ats.state"
    _description = "Maintained ATS State"
    _log_access = False

    channel_id = fields.Many2one("omni.channel", required=True, ondelete="cascade",
                                 readonly=True)
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade",
                                 readonly=True)
    rule_id = fields.Integer(readonly=True)
    sold = fields.Float(readonly=True)
    in_transit = fields.Float(readonly=True)
    incoming = fields.Float(readonly=True)
    pool_qty = fields.Float(readonly=True, help="The engine's pool (``pool`` is taken).")
    withheld = fields.Float(readonly=True)
    demand = fields.Float(readonly=True)
    holds = fields.Float(readonly=True)
    holds_own = fields.Float(readonly=True)
    holds_other = fields.Float(readonly=True)
    safety = fields.Float(readonly=True)
    ats = fields.Float(readonly=True)
    supply = fields.Json(readonly=True, help="Probable supply by kind.")

    _sql_constraints = [
        ("channel_product_uniq", "unique(channel_id, product_id)",
         "A product has one state row per channel."),
    ]

    # {engine's figure: column} of a row besides channel and product
    _figure_columns = {name: "pool_qty" if name == "pool" else name
                       for name in ("rule_id", "sold", *LEAN_BUCKETS)}

    # ------------------------------------------------------------------ refresh

    @api.model
    def _catalog_sql(self, channel):
        """The products a channel's state keeps: active storable ones of its company."""
        return SQL(
            """
            SELECT pp.id FROM product_product pp
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pp.active AND pt.is_storable
               AND (pt.company_id IS NULL OR pt.company_id = %s)
            """,
            channel.company_id.id,
        )

    @api.model
    def _lock(self, channel):
        """The channel's refresh lock (for this transaction), or ``False`` if taken."""
        self.env.cr.execute("SELECT pg_try_advisory_xact_lock(%s, %s)",
                            [LOCK_NAMESPACE, channel.id])
        return self.env.cr.fetchone()[0]

    @api.model
    def _head(self, channel, now=None):
        """The channel's position, moment and guards; with ``now``, also ``fresh``:
        whether the guards still have the values the state was computed with."""
        fresh = SQL("TRUE")
        if now is not None:
            guards = self._guards_sql(channel, now)
            fresh = SQL("COALESCE(guards, '{}'::jsonb) = %s", guards) if guards else \
                SQL("COALESCE(guards, '{}'::jsonb) = '{}'::jsonb")
        self.env.cr.execute(SQL(
            """
            SELECT last_id, oldest_running, running, since, refreshed_at, guards,
                   refresh_xid, product_count, %s
              FROM omni_ats_state_channel WHERE channel_id = %s
            """, fresh, channel.id))
        row = self.env.cr.fetchone()
        if not row:
            return None
        keys = ("last_id", "xmin", "running", "since", "refreshed_at", "guards", "xid",
                "product_count", "fresh")
        return dict(zip(keys, row, strict=True))

    @api.model
    def _refresh(self, channel, full=True):
        """Recompute the state of ``channel``: every product (``full``), or only those
        changed since its position. :return: the number of products recomputed, or
        ``None`` when the state cannot be kept now (lock taken, unusable caller)."""
        channel.ensure_one()
        Ats = self.env["omni.ats"]
        if not Ats._state_usable(channel) or not self._lock(channel):
            return None
        cr = self.env.cr
        # the position first: whatever commits after it is re-read, never missed
        position = self.env["omni.stock.change"]._position()
        now = fields.Datetime.now()
        head = self._head(channel)
        guards = self._guard_values(channel, now)
        dirty = None
        if not full and head and (head["guards"] or {}) == guards:
            dirty = self._dirty(channel, head, now)
        catalog = SQL("(%s)", self._catalog_sql(channel))
        if dirty is None:
            cr.execute(catalog)
            product_ids = [row[0] for row in cr.fetchall()]
            cr.execute(SQL("DELETE FROM omni_ats_state WHERE channel_id = %s", channel.id))
        else:
            cr.execute(SQL("%s INTERSECT SELECT unnest(%s::int[])", catalog, dirty))
            product_ids = [row[0] for row in cr.fetchall()]
            cr.execute(SQL(
                "DELETE FROM omni_ats_state WHERE channel_id = %s AND product_id = ANY(%s)",
                channel.id, dirty))
        if product_ids:
            products = self.env["product.product"].browse(product_ids)
            scope = dataclasses.replace(
                Ats._scope(products, channel, detail=False), now=now)
            self._insert(channel, scope)
        self._store_head(channel, position, now, guards, full=dirty is None)
        return len(product_ids)

    @api.model
    def _insert(self, channel, scope):
        """Insert the engine's lean figures of ``scope`` (one statement)."""
        Ats = self.env["omni.ats"]
        kinds = list(Ats._supply_kinds())
        supply = SQL("jsonb_build_object(%s)", SQL(", ").join(
            SQL("%s, a.%s", kind, SQL.identifier(kind)) for kind in kinds
        )) if kinds else SQL("NULL::jsonb")
        columns = self._figure_columns
        self.env.cr.execute(SQL(
            """
            SET LOCAL jit = off;
            INSERT INTO omni_ats_state (channel_id, product_id, %(columns)s, supply)
            SELECT %(channel)s, a.product_id, %(values)s, %(supply)s
              FROM (%(query)s) a
            """,
            columns=SQL(", ").join(SQL.identifier(col) for col in columns.values()),
            values=SQL(", ").join(SQL("a.%s", SQL.identifier(name)) for name in columns),
            channel=channel.id, supply=supply, query=Ats._ats_query(scope),
        ))

    @api.model
    def _store_head(self, channel, position, now, guards, full):
        self.env.cr.execute(SQL(
            """
            INSERT INTO omni_ats_state_channel AS h
                   (channel_id, company_id, last_id, oldest_running, running, since, refreshed_at,
                    guards, refresh_xid, product_count)
            VALUES (%(channel)s, %(company)s, %(last)s, %(xmin)s, %(running)s::jsonb, %(now)s,
                    %(now)s, %(guards)s::jsonb, pg_current_xact_id()::text,
                    (SELECT COUNT(*) FROM omni_ats_state WHERE channel_id = %(channel)s))
            ON CONFLICT (channel_id) DO UPDATE
               SET last_id = EXCLUDED.last_id, oldest_running = EXCLUDED.oldest_running,
                   running = EXCLUDED.running, since = EXCLUDED.since,
                   guards = EXCLUDED.guards, product_count = EXCLUDED.product_count,
                   refresh_xid = EXCLUDED.refresh_xid,
                   refreshed_at = CASE WHEN %(full)s THEN EXCLUDED.refreshed_at
                                       ELSE h.refreshed_at END
            """,
            channel=channel.id, company=channel.company_id.id, last=position["last_id"],
            xmin=position["xmin"],
            running=json.dumps(position["running"]) if "running" in position else None,
            now=now, guards=json.dumps(guards), full=full,
        ))

    @api.model
    def _guards_sql(self, channel, now):
        """The engine's guards as one ``jsonb`` expression (``None`` without guards)."""
        guards = self.env["omni.ats"]._state_guards(channel, now)
        if not guards:
            return None
        return SQL("jsonb_build_object(%s)", SQL(", ").join(
            SQL("%s, to_jsonb((%s))", name, expr) for name, expr in sorted(guards.items())))

    @api.model
    def _guard_values(self, channel, now):
        """The current values of the engine's guards, ``{name: value}`` (JSON)."""
        guards = self._guards_sql(channel, now)
        if guards is None:
            return {}
        self.env.cr.execute(SQL("SELECT %s", guards))
        return self.env.cr.fetchone()[0]

    # ------------------------------------------------------------------ dirty products

    @api.model
    def _dirty_sql(self, channel, head, now, product_ids=None):
        """SELECT of the product ids whose figures may differ from the state (a NULL
        one: every product): named by the feed after the state's position, or changed
        by the clock since its moment. Restricted to ``product_ids`` when given."""
        Ats = self.env["omni.ats"]
        late = SQL("txid = ANY(%s::xid8[])", head["running"]) \
            if head["running"] is not None else SQL("txid >= %s::xid8", head["xmin"])
        parts = [
            SQL("SELECT product_id FROM omni_stock_change WHERE id > %s", head["last_id"]),
            # rows of transactions running at the refresh: they may commit after it with
            # smaller ids (the refresh's own rows were in what it computed)
            SQL("SELECT product_id FROM omni_stock_change"
                " WHERE id <= %s AND %s AND txid <> %s::xid8",
                head["last_id"], late, head["xid"]),
            # holds whose expiry passed since the figures' moment
            SQL("SELECT product_id FROM omni_stock_hold"
                " WHERE expires_at > %s AND expires_at <= %s", head["since"], now),
            *Ats._state_time_parts(channel, head["since"], now),
        ]
        return SQL(
            "SELECT DISTINCT d.product_id FROM (%s) d %s",
            SQL(" UNION ").join(SQL("(%s)", part) for part in parts),
            SQL("WHERE d.product_id IS NULL OR d.product_id = ANY(%s)", product_ids)
            if product_ids is not None else SQL(),
        )

    @api.model
    def _dirty(self, channel, head, now, product_ids=None):
        """The ids of :meth:`_dirty_sql`, or ``None`` for every product."""
        self.env.cr.execute(self._dirty_sql(channel, head, now, product_ids))
        ids = [row[0] for row in self.env.cr.fetchall()]
        if None in ids:
            return None
        return ids

    # ------------------------------------------------------------------ read

    @api.model
    @tools.ormcache()
    def _read_columns(self):
        """``(names, columns, nulls)`` of :meth:`_read`'s statement: the figures' names
        of a row, its SELECT list (``supply`` last) and as many NULLs; built once per
        registry."""
        columns = ("product_id", *self._figure_columns.values(), "supply")
        return (
            ("product_id", *self._figure_columns),
            SQL(", ").join(SQL.identifier("s", col) for col in columns),
            SQL(", ").join(SQL("NULL") for _col in columns),
        )

    @api.model
    def _read(self, products, channel):
        """Lean figures of ``products`` in ``channel`` (as ``omni.ats.compute`` with
        ``detail=False``): the state's rows of products nothing changed since its
        refresh, the live engine for the others. ``None`` when the state cannot be
        used (none yet, a guard changed, a rule changed: every product is dirty).
        Two statements: the channel's position with its guards checked, then the
        rows of the products the feed and the clock leave clean. For most of the
        channel's catalog, its rows are read whole and the others skipped here: a list
        of tens of thousands of ids costs PostgreSQL more to parse and plan than the
        rows it would spare."""
        Ats = self.env["omni.ats"]
        if not Ats._state_usable(channel):
            return None
        self.env.flush_all()
        now = fields.Datetime.now()
        head = self._head(channel, now)
        if not head or not head["fresh"]:
            return None
        product_ids = products.ids
        wanted = set(product_ids) if 2 * len(product_ids) >= head["product_count"] else None
        names, columns, nulls = self._read_columns()
        self.env.cr.execute(SQL(
            """
            WITH dirty AS MATERIALIZED (%(dirty)s)
            SELECT %(columns)s FROM %(rows)s
             WHERE NOT EXISTS (SELECT 1 FROM dirty d WHERE d.product_id = s.product_id)
               AND NOT EXISTS (SELECT 1 FROM dirty d WHERE d.product_id IS NULL)
            UNION ALL
            SELECT %(nulls)s FROM dirty d WHERE d.product_id IS NULL
            """,
            dirty=self._dirty_sql(channel, head, now, product_ids if wanted is None else None),
            columns=columns, nulls=nulls,
            # some products: one index lookup each (its row: LIMIT 1 keeps the lookup
            # whatever the table's statistics say; a refresh rewrites the table, and until
            # it is analyzed again the planner may think it empty and scan the channel)
            rows=SQL("unnest(%s::int[]) p(id), LATERAL (SELECT * FROM omni_ats_state s"
                     " WHERE s.channel_id = %s AND s.product_id = p.id LIMIT 1) s",
                     product_ids, channel.id) if wanted is None
            else SQL("(SELECT * FROM omni_ats_state WHERE channel_id = %s) s", channel.id),
        ))
        figures = {}
        for row in self.env.cr.fetchall():
            if row[0] is None:  # every product is dirty (a rule, a source changed)
                return None
            if wanted is not None and row[0] not in wanted:
                continue
            values = dict(zip(names, row[:-1], strict=True))
            if row[-1]:
                values.update(row[-1])
            figures[row[0]] = values
        missing = [pid for pid in product_ids if pid not in figures]
        if missing:
            figures.update(Ats._compute_live(products.browse(missing), channel, detail=False))
        return figures

    # ------------------------------------------------------------------ cron

    @api.model
    def _max_age_minutes(self):
        return positive_int_param(self.env, MAX_AGE_PARAM, DEFAULT_MAX_AGE_MINUTES)

    @api.model
    def _cron_refresh(self):
        """Every channel's state: incremental while young, full when old or missing."""
        oldest = fields.Datetime.subtract(fields.Datetime.now(),
                                          minutes=self._max_age_minutes())
        # earned: a cron: every company's channels, read for their own state
        for channel in self.env["omni.channel"].sudo().search([("active", "=", True)]):
            head = self._head(channel)
            full = not head or not head["refreshed_at"] or head["refreshed_at"] < oldest
            self.with_company(channel.company_id)._refresh(channel, full=full)
