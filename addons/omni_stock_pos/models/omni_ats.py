"""The POS parts of the ATS statement.

* ``pos_unsynced``: units sold in open sessions of POS in "at closing" mode, whose
  stock moves only come with the closing pickings. Withheld at the POS's stock
  location (spread over its sub-locations' free stock), for every channel sourcing
  it, until the session has pickings: then Odoo's own moves count instead, never
  both.
* ``pos_offline``: the stock of a store whose open POS sessions have been silent
  beyond the store channel's limit or report unsynced orders (the store may have sold
  it already), for every caller but the store's own POS: other channels sourcing the
  store (ship from store) and its channel's other callers (pickup in store on the web
  shop). Only the till's own server code says "this is the till of that store" (the
  :data:`pos_till` marker, set by ``pos.config`` after checking the caller may use
  that POS): its own store's stock stays sellable at the till. It is never read from
  the context, which any RPC client could send to make an offline store promised
  again.
"""

from odoo import api, fields, models
from odoo.addons.omni_stock.tools.guard import ServerValue
from odoo.tools import SQL

# the store channel of the POS computing (set by pos.config around its engine calls)
pos_till = ServerValue("omni_stock_pos_till_channel")

OPEN_SESSION_STATES = ("opening_control", "opened", "closing_control")


class OmniAts(models.AbstractModel):
    _inherit = "omni.ats"

    @api.model
    def _withheld_parts(self, scope):
        parts = super()._withheld_parts(scope)
        if scope.pool_location_ids and scope.product_ids:
            closing, offline = self._pos_withheld_kinds_present(scope)
            if closing:
                parts.append(self._pos_unsynced_part(scope))
            if offline:
                parts.append(self._pos_offline_part(scope))
        return parts

    @api.model
    def _pos_withheld_kinds_present(self, scope):
        """``(open "at closing" sessions exist, offline stores exist for this channel)``:
        one cheap query that spares the statement the parts when there is nothing to
        withhold (the usual case: planning them costs more than reading them)."""
        self.env.cr.execute(SQL(
            """
            SELECT EXISTS(SELECT 1 FROM pos_session s
                           WHERE s.update_stock_at_closing AND s.state = ANY(%(open)s)),
                   %(offline)s
            """,
            open=list(OPEN_SESSION_STATES),
            offline=SQL("EXISTS(%s)", self._pos_stale_sessions_sql(
                scope.now, self._pos_exempt_channel_id())) if scope.channel else SQL("FALSE"),
        ))
        return self.env.cr.fetchone()

    @api.model
    def _state_usable(self, channel):
        """The till sees its own store's stock even when the store is offline: its
        figures are its own, always live (and never stored)."""
        return super()._state_usable(channel) and not self._pos_exempt_channel_id()

    @api.model
    def _state_guards(self, channel, now):
        """Offline stores (silent beyond the limit, unsynced orders): only a change of
        the set matters (silent <-> alive), not each heartbeat."""
        return dict(super()._state_guards(channel, now), pos_offline=SQL(
            "SELECT COALESCE(array_agg(DISTINCT st.view_location_id"
            " ORDER BY st.view_location_id), '{}') FROM (%s) st",
            self._pos_stale_sessions_sql(now)))

    @api.model
    def _withheld_kinds(self):
        return {
            **super()._withheld_kinds(),
            "pos_unsynced": self.env._("sold in open POS session, no stock move yet"),
            "pos_offline": self.env._("store POS offline or not synced: not promised"),
        }

    @api.model
    def _pos_unsynced_part(self, scope):
        """Paid lines of open "at closing" sessions without pickings, per product and
        location of the POS's stock, the POS's own location first."""
        return SQL(
            """
            WITH sold AS (
                SELECT l.product_id, src.id AS root_id, src.parent_path AS root_path,
                       SUM(l.qty)::float8 AS qty
                  FROM pos_order_line l
                  JOIN pos_order o ON o.id = l.order_id
                  JOIN pos_session s ON s.id = o.session_id
                  JOIN pos_config c ON c.id = s.config_id
                  JOIN stock_picking_type pt ON pt.id = c.picking_type_id
                  JOIN stock_location src ON src.id = pt.default_location_src_id
                 WHERE s.update_stock_at_closing AND s.state = ANY(%(open)s)
                   AND o.state NOT IN ('draft', 'cancel') AND o.shipping_date IS NULL
                   AND l.qty > 0 AND l.product_id = ANY(%(products)s)
                   AND NOT EXISTS (SELECT 1 FROM stock_picking p
                                    WHERE p.pos_order_id = o.id AND p.state <> 'cancel')
                   AND NOT EXISTS (SELECT 1 FROM stock_picking p
                                    WHERE p.pos_session_id = s.id AND p.pos_order_id IS NULL
                                      AND p.state <> 'cancel')
                 GROUP BY l.product_id, src.id, src.parent_path
            ), free AS (
                SELECT sold.product_id, sold.root_id, q.location_id,
                       SUM(q.quantity - q.reserved_quantity)::float8 AS free
                  FROM sold
                  JOIN stock_location loc ON starts_with(loc.parent_path, sold.root_path)
                  JOIN stock_quant q ON q.location_id = loc.id AND q.product_id = sold.product_id
                 WHERE loc.id = ANY(%(pool)s)
                 GROUP BY sold.product_id, sold.root_id, q.location_id
                HAVING SUM(q.quantity - q.reserved_quantity) > 0
            ), spread AS (
                SELECT free.*, SUM(free.free) OVER (
                           PARTITION BY free.product_id, free.root_id
                           ORDER BY free.location_id <> free.root_id, free.location_id
                       ) - free.free AS before
                  FROM free
            )
            SELECT spread.product_id, spread.location_id, 'pos_unsynced'::varchar AS kind,
                   LEAST(spread.free, sold.qty - spread.before) AS quantity
              FROM spread
              JOIN sold ON sold.product_id = spread.product_id AND sold.root_id = spread.root_id
             WHERE sold.qty > spread.before
            """,
            open=list(OPEN_SESSION_STATES), products=scope.product_ids,
            pool=scope.pool_location_ids,
        )

    @api.model
    def _pos_exempt_channel_id(self):
        """The store channel of the POS computing (its own store is never withheld):
        the server-side :data:`pos_till` marker, never a context key."""
        return pos_till.get() or 0

    @api.model
    def _pos_stale_sessions_sql(self, now, channel_id=0):
        """Open sessions silent beyond their store channel's limit or with unsynced
        orders: ``(session_id, config_id, view_location_id, last_seen, unsynced, silent)``,
        except those of the POS of ``channel_id``."""
        return SQL(
            """
            SELECT * FROM (
                SELECT s.id AS session_id, c.id AS config_id, w.view_location_id,
                       COALESCE(s.omni_last_seen, s.start_at, s.create_date) AS last_seen,
                       COALESCE(s.omni_unsynced_count, 0) AS unsynced,
                       COALESCE(s.omni_last_seen, s.start_at, s.create_date)
                           < %(now)s - make_interval(mins => COALESCE(ch.pos_offline_minutes, 10))
                           AS silent
                  FROM pos_session s
                  JOIN pos_config c ON c.id = s.config_id
                  JOIN stock_picking_type pt ON pt.id = c.picking_type_id
                  JOIN stock_warehouse w ON w.id = pt.warehouse_id
                  LEFT JOIN omni_channel ch ON ch.id = c.omni_channel_id
                 WHERE s.state = ANY(%(open)s)
                   AND c.omni_channel_id IS DISTINCT FROM %(channel)s
            ) st WHERE st.silent OR st.unsynced > 0
            """,
            open=list(OPEN_SESSION_STATES), channel=channel_id or 0, now=now,
        )

    @api.model
    def _pos_offline_part(self, scope):
        """The free stock of stores whose POS is offline, for the other channels."""
        return SQL(
            """
            SELECT q.product_id, q.location_id, 'pos_offline'::varchar AS kind,
                   SUM(q.quantity - q.reserved_quantity)::float8 AS quantity
              FROM (SELECT DISTINCT view_location_id FROM (%(stale)s) st) stale
              JOIN stock_location root ON root.id = stale.view_location_id
              JOIN stock_location loc ON starts_with(loc.parent_path, root.parent_path)
              JOIN stock_quant q ON q.location_id = loc.id
             WHERE loc.id = ANY(%(pool)s) AND q.product_id = ANY(%(products)s)
             GROUP BY q.product_id, q.location_id
            """,
            stale=self._pos_stale_sessions_sql(scope.now, self._pos_exempt_channel_id()),
            pool=scope.pool_location_ids, products=scope.product_ids,
        )

    @api.model
    def _location_notes(self, locations):
        notes = super()._location_notes(locations)
        if not locations:
            return notes
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            SELECT loc.id, MIN(st.last_seen) FILTER (WHERE st.silent), MAX(st.unsynced)
              FROM (%(stale)s) st
              JOIN stock_location root ON root.id = st.view_location_id
              JOIN stock_location loc ON starts_with(loc.parent_path, root.parent_path)
             WHERE loc.id = ANY(%(locations)s)
             GROUP BY loc.id
            """,
            stale=self._pos_stale_sessions_sql(fields.Datetime.now()),
            locations=locations.ids,
        ))
        for location_id, last_seen, unsynced in self.env.cr.fetchall():
            note = self._pos_offline_note(last_seen, unsynced)
            notes[location_id] = "; ".join(filter(None, (notes.get(location_id), note)))
        return notes

    @api.model
    def _pos_offline_note(self, silent_since, unsynced):
        """"store POS offline since HH:MM" (the user's time), or its unsynced orders."""
        notes = []
        if silent_since:
            since = fields.Datetime.context_timestamp(self, silent_since).strftime("%H:%M")
            notes.append(self.env._("store POS offline since %s", since))
        if unsynced:
            notes.append(self.env._("store POS has %s unsynced orders", unsynced))
        return ", ".join(notes)

    @api.model
    def _pos_withheld_by_kind(self, products, channel):
        """``{product_id: {kind: quantity}}`` of the stock ``channel`` withholds
        (each part's own figure, before the engine caps a location at its free
        stock): what the till names when it explains a figure."""
        if not products:
            return {}
        scope = self._scope(products, channel)
        ctx = self._statement_context(scope)
        if not ctx["withheld_parts"]:
            return {}
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            WITH withheld_row AS (%(rows)s)
            SELECT product_id, kind, SUM(quantity)::float8 FROM withheld_row
             GROUP BY product_id, kind
            """,
            rows=self._cte_withheld_row(scope, ctx),
        ))
        result = {}
        for product_id, kind, quantity in self.env.cr.fetchall():
            result.setdefault(product_id, {})[kind] = quantity
        return result
