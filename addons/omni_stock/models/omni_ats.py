"""The available-to-sell engine: every ATS figure of the suite comes from here.

One SQL statement, built from named parts (``_cte_*`` methods, each a common
table expression made with :class:`odoo.tools.SQL`), computes the status
buckets, incoming and in-transit stock, unreserved demand, withheld stock,
holds, safety stock and ATS of any number of products for one scope (a
channel's sources, or a set of locations).

Other addons extend the statement through small hooks, never by editing it:

* :meth:`OmniAts._withheld_parts`: sellable stock that must not be promised
  yet (a pick short waiting for its count, sales of an open POS session...),
  per product, location and kind;
* :meth:`OmniAts._supply_parts`: probable future supply, shown but never sold
  (a part of its own, per product and kind);
* :meth:`OmniAts._supply_figures`: probable supply computed in the figures' own
  pass from what the statement already reads (units awaiting inspection that will
  likely be resold: the ``quant`` part's *inspection* column × a share of the
  product's category), with no part, scan or join of its own;
* :meth:`OmniAts._location_notes`: a note on a location in the explanation.

The explanation (:meth:`OmniAts.explain`) reads the same parts for one
product and states the arithmetic of :mod:`..tools.ats_formula`; tests check
that explanation, detailed and lean figures agree.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..tools import ats_formula

DETAIL_BUCKETS = (
    "on_hand", "sellable", "reserved", "unpickable", "damaged", "quarantine", "inspection",
)
LEAN_BUCKETS = (
    "in_transit", "incoming", "pool", "withheld", "demand", "holds", "holds_own",
    "holds_other", "safety", "ats",
)
BUCKETS = DETAIL_BUCKETS + LEAN_BUCKETS

OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")


def _nothing(*columns):
    """An empty part with typed columns: costs the planner next to nothing."""
    return SQL("SELECT %s WHERE FALSE", SQL(", ").join(
        SQL("NULL::%s AS %s", SQL(col.split()[1]), SQL.identifier(col.split()[0]))
        for col in columns))


@dataclass(frozen=True)
class AtsScope:
    """What one engine call reads: products, locations and the channel's rules."""

    product_ids: list
    location_ids: list  # every internal location in scope
    pool_location_ids: list  # the trusted sellable ones: the only stock promised
    channel: object  # an omni.channel record, or None
    now: datetime
    detail: bool = True
    # {status: [location id]} of ``location_ids`` (read with them: parts need no query)
    status_location_ids: dict = None

    def locations_of_status(self, status):
        return list((self.status_location_ids or {}).get(status, ()))

    @property
    def channel_id(self):
        return self.channel.id if self.channel else None


class OmniAts(models.AbstractModel):
    """Set-based ATS computation and its explanation."""

    _name = "omni.ats"
    _description = "Available-to-sell Engine"

    # ------------------------------------------------------------------ scope

    @api.model
    def _scope_locations(self, channel=None, locations=None):
        """Internal locations in scope: a channel's sources, given roots, or all."""
        if channel:
            return channel._source_locations()
        domain = [("usage", "=", "internal"),
                  ("company_id", "in", self.env.companies.ids)]
        if locations:
            domain.append(("id", "child_of", locations.ids))
        return self.env["stock.location"].search(domain)

    @api.model
    def _pool_locations(self, scope, channel=None):
        """The trusted sellable locations of ``scope``: the only stock a channel promises."""
        minimum = channel.min_location_accuracy if channel else 0.0
        return scope.filtered(
            lambda loc: loc.omni_status == "sellable" and loc.omni_accuracy >= minimum
        )

    @api.model
    def _scope(self, products, channel=None, locations=None, detail=True):
        if channel:
            # the channel's sources, statuses and accuracies in one query
            rows = channel._source_location_rows()
            location_ids = [loc_id for loc_id, _status, _accuracy in rows]
            minimum = channel.min_location_accuracy
            pool_ids = [loc_id for loc_id, status, accuracy in rows
                        if status == "sellable" and accuracy >= minimum]
            statuses = [(loc_id, status) for loc_id, status, _accuracy in rows]
        else:
            scope = self._scope_locations(None, locations)
            location_ids = scope.ids
            pool_ids = self._pool_locations(scope).ids
            statuses = [(loc.id, loc.omni_status) for loc in scope]
        by_status = {}
        for loc_id, status in statuses:
            by_status.setdefault(status, []).append(loc_id)
        return AtsScope(
            product_ids=list(products.ids),
            location_ids=list(location_ids),
            pool_location_ids=list(pool_ids),
            channel=channel,
            now=fields.Datetime.now(),
            detail=detail,
            status_location_ids=by_status,
        )

    @api.model
    def _unit_category_id(self):
        return self._unit_category_id_cached()

    @tools.ormcache()
    def _unit_category_id_cached(self):
        category = self.env.ref("uom.product_uom_categ_unit", raise_if_not_found=False)
        return category.id if category else 0

    @api.model
    def rounding(self, product):
        """Promises are whole units for unit-counted goods, else the UoM rounding."""
        if product.uom_id.category_id.id == self._unit_category_id():
            return 1.0
        return product.uom_id.rounding or 1.0

    # ------------------------------------------------------------------ hooks

    @api.model
    def _withheld_parts(self, scope):
        """Sellable stock channels must not promise yet.

        Override and extend (call ``super()``): a list of :class:`SQL` SELECTs
        each yielding ``(product_id, location_id, kind, quantity)``. The engine
        keeps the rows of ``scope``'s products and pool locations, and caps a
        location's total at its free stock (on hand minus reserved).
        """
        return []

    @api.model
    def _withheld_kinds(self):
        """``{kind: label}`` of withheld stock, for the explanation."""
        return {}

    @api.model
    def _supply_parts(self, scope):
        """Probable future supply, shown and never sold.

        Override and extend: :class:`SQL` SELECTs yielding
        ``(product_id, kind, quantity)``; each kind of :meth:`_supply_kinds`
        becomes a figure of :meth:`compute`.
        """
        return []

    @api.model
    def _supply_figures(self, scope):
        """Probable supply computed in the figures' own pass: ``{kind: SQL}``, an
        expression per product over the ``product`` part (alias ``p``: ``id``,
        ``categ_id``, ``categ_path``, ``rounding``) and the ``quant`` part's columns
        (the statuses of :meth:`_quant_statuses` in lean mode), NULL meaning 0. No part
        of its own: no second scan, join or aggregate. A kind of :meth:`_supply_kinds`
        comes from here or from :meth:`_supply_parts`, never both. Override and
        extend (call ``super()``)."""
        return {}

    @api.model
    def _supply_kinds(self):
        """``{kind: label}`` of probable supply; a kind is also a column name."""
        return {}

    @api.model
    def _quant_statuses(self, scope):
        """Statuses whose on-hand quantity the ``quant`` part also sums in lean mode
        (a column named after the status, as in detailed mode), for parts that read
        it (``FROM quant``) instead of scanning the quants again. Override and extend."""
        return set()

    @api.model
    def _location_notes(self, locations):
        """``{location_id: text}`` added to a location's lines in the explanation."""
        return {}

    # ------------------------------------------------------------------ maintained state

    @api.model
    def _state_usable(self, channel):
        """Whether lean figures of ``channel`` may come from (and go to) its maintained
        state for this caller. Override (call ``super()``) when a caller sees figures
        of its own (e.g. the till of a store)."""
        return True

    @api.model
    def _state_guards(self, channel, now):
        """``{name: SQL}``: values (SQL expressions, any JSON-able type) that decide
        figures of many products at once and change with no change feed row (or with the
        clock). Read before a refresh computes and at each read: when one differs, the
        state is not used until the next refresh. Override and extend."""
        return {}

    @api.model
    def _state_time_parts(self, channel, since, now):
        """SELECTs of ``product_id``: the products whose figures may have changed with
        the clock alone between ``since`` (the state's moment) and ``now``. Hold
        expiries are the state's own part. Override and extend (call ``super()``)."""
        parts = [
            # open moves into the sources entering the incoming horizon
            SQL(
                """
                SELECT product_id FROM stock_move
                 WHERE state = ANY(%(open)s) AND date > %(start)s AND date <= %(end)s
                """,
                open=list(OPEN_MOVE_STATES),
                start=since + timedelta(days=channel.incoming_horizon_days),
                end=now + timedelta(days=channel.incoming_horizon_days),
            ),
        ]
        if channel.safety_stock_mode == "cover":
            # sales leaving the velocity window
            window = timedelta(days=channel.velocity_window_days)
            parts.append(SQL(
                """
                SELECT product_id FROM stock_move
                 WHERE state = 'done' AND date >= %s AND date < %s
                """,
                since - window, now - window,
            ))
        return parts

    # ------------------------------------------------------------------ parameters

    @api.model
    def _channel_rules(self, channel, now):
        """The rules of ``channel`` the statement reads (neutral values without one)."""
        if not channel:
            return {
                "safety_mode": "fixed", "safety_qty": 0.0, "cover_days": 0.0,
                "velocity_days": 1, "velocity_since": now, "allocation": 100.0,
                "horizon": now + timedelta(days=7),
            }
        return {
            "safety_mode": channel.safety_stock_mode,
            "safety_qty": channel.safety_stock_qty,
            "cover_days": channel.safety_stock_days,
            "velocity_days": channel.velocity_window_days,
            "velocity_since": now - timedelta(days=channel.velocity_window_days),
            "allocation": channel.allocation_percent,
            "horizon": now + timedelta(days=channel.incoming_horizon_days),
        }

    # ------------------------------------------------------------------ statement parts

    @api.model
    def _cte_product(self, scope, ctx):
        return SQL(
            """
            SELECT pp.id, pt.categ_id, cat.parent_path AS categ_path,
                   CASE WHEN uom.category_id = %(unit)s THEN 1
                        ELSE COALESCE(NULLIF(uom.rounding, 0), 1) END::float8 AS rounding
              FROM product_product pp
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN product_category cat ON cat.id = pt.categ_id
              LEFT JOIN uom_uom uom ON uom.id = pt.uom_id
             WHERE pp.id = ANY(%(products)s)
            """,
            unit=self._unit_category_id(), products=scope.product_ids,
        )

    @api.model
    def _cte_quant(self, scope, ctx):
        """On hand by status (detailed) or only the trusted sellable pool (lean)."""
        if not scope.detail:
            statuses = sorted(ctx["quant_statuses"])
            if not statuses:
                return SQL(
                    """
                    SELECT q.product_id, SUM((q.quantity - q.reserved_quantity)::float8) AS pool
                      FROM stock_quant q
                     WHERE q.location_id = ANY(%(pool)s) AND q.product_id = ANY(%(products)s)
                     GROUP BY q.product_id
                    """,
                    pool=scope.pool_location_ids, products=scope.product_ids,
                )
            # the statuses parts read, in the same pass over the quants
            others = {status: scope.locations_of_status(status) for status in statuses}
            return SQL(
                """
                SELECT q.product_id,
                       SUM((q.quantity - q.reserved_quantity)::float8)
                           FILTER (WHERE q.location_id = ANY(%(pool)s)) AS pool,
                       %(by_status)s
                  FROM stock_quant q
                 WHERE q.location_id = ANY(%(locations)s) AND q.product_id = ANY(%(products)s)
                 GROUP BY q.product_id
                """,
                pool=scope.pool_location_ids, products=scope.product_ids,
                locations=sorted(set(scope.pool_location_ids).union(*others.values())),
                by_status=SQL(", ").join(
                    SQL("SUM(q.quantity::float8) FILTER (WHERE q.location_id = ANY(%s)) AS %s",
                        ids, SQL.identifier(status))
                    for status, ids in others.items()
                ),
            )
        by_status = SQL(", ").join(
            SQL("SUM(q.quantity::float8) FILTER (WHERE l.omni_status = %s) AS %s",
                status, SQL.identifier(status))
            for status in ("unpickable", "damaged", "quarantine", "inspection")
        )
        return SQL(
            """
            SELECT q.product_id,
                   SUM(q.quantity::float8) AS on_hand,
                   SUM(q.quantity::float8) FILTER (WHERE l.omni_status = 'sellable') AS sellable,
                   SUM(q.reserved_quantity::float8)
                       FILTER (WHERE l.omni_status = 'sellable') AS reserved,
                   SUM((q.quantity - q.reserved_quantity)::float8)
                       FILTER (WHERE l.id = ANY(%(pool)s)) AS pool,
                   %(by_status)s
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
             WHERE q.location_id = ANY(%(locations)s) AND q.product_id = ANY(%(products)s)
             GROUP BY q.product_id
            """,
            pool=scope.pool_location_ids, locations=scope.location_ids,
            products=scope.product_ids, by_status=by_status,
        )

    @api.model
    def _cte_move(self, scope, ctx):
        """Stock on its way into the sources: in transit, and incoming within the horizon."""
        return SQL(
            """
            SELECT m.product_id,
                   SUM(m.product_qty) FILTER (WHERE src.usage = 'transit')::float8 AS in_transit,
                   SUM(m.product_qty) FILTER (
                       WHERE src.usage NOT IN ('internal', 'transit') AND m.date <= %(horizon)s
                   )::float8 AS incoming
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
             WHERE m.location_dest_id = ANY(%(locations)s)
               AND m.state = ANY(%(open)s)
               AND m.product_id = ANY(%(products)s)
             GROUP BY m.product_id
            """,
            horizon=ctx["horizon"], locations=scope.location_ids, open=list(OPEN_MOVE_STATES),
            products=scope.product_ids,
        )

    @api.model
    def _cte_demand_move(self, scope, ctx):
        """Open moves taking stock out of the sources (deliveries, outgoing transfers),
        each counted at the first open step of its chain: a pick to the output counts
        for its delivery (Odoo 18 creates the later steps when it is done, and
        ``location_final_id`` says where the goods finally go)."""
        return SQL(
            """
            SELECT m.id, m.product_id, m.product_qty::float8 AS product_qty
              FROM stock_move m
             WHERE m.product_id = ANY(%(products)s)
               AND m.state = ANY(%(open)s)
               AND m.location_id = ANY(%(locations)s)
               AND NOT COALESCE(m.location_final_id, m.location_dest_id) = ANY(%(locations)s)
               AND NOT EXISTS (
                    SELECT 1 FROM stock_move_move_rel rel
                      JOIN stock_move o ON o.id = rel.move_orig_id
                     WHERE rel.move_dest_id = m.id AND o.state = ANY(%(open)s)
                       AND o.location_id = ANY(%(locations)s))
            """,
            products=scope.product_ids, open=list(OPEN_MOVE_STATES), locations=scope.location_ids,
        )

    @api.model
    def _cte_demand(self, scope, ctx):
        """Confirmed outgoing demand its move has not reserved yet."""
        return SQL(
            """
            SELECT d.product_id,
                   SUM(GREATEST(d.product_qty - COALESCE(cover.reserved, 0), 0))::float8
                       AS demand
              FROM demand_move d
              LEFT JOIN LATERAL (
                    SELECT SUM(ml.quantity_product_uom)::float8 AS reserved
                      FROM stock_move_line ml WHERE ml.move_id = d.id
              ) cover ON TRUE
             GROUP BY d.product_id
            """
        )

    @api.model
    def _cte_withheld_row(self, scope, ctx):
        """Withheld stock per product, location and kind (from :meth:`_withheld_parts`)."""
        parts = ctx["withheld_parts"]
        if not parts:
            return _nothing("product_id int", "location_id int", "kind varchar",
                            "quantity float8")
        return SQL(
            """
            SELECT w.product_id, w.location_id, w.kind, SUM(w.quantity)::float8 AS quantity
              FROM (%(parts)s) w
             WHERE w.product_id = ANY(%(products)s) AND w.location_id = ANY(%(pool)s)
             GROUP BY w.product_id, w.location_id, w.kind
            """,
            parts=SQL(" UNION ALL ").join(SQL("(%s)", part) for part in parts),
            products=scope.product_ids, pool=scope.pool_location_ids,
        )

    @api.model
    def _cte_withheld(self, scope, ctx):
        """Withheld stock per product, each location's share capped at its free stock."""
        if not ctx["withheld_parts"]:
            return _nothing("product_id int", "withheld float8")
        return SQL(
            """
            SELECT w.product_id,
                   SUM(LEAST(w.quantity, GREATEST(COALESCE(free.quantity, 0), 0)))::float8
                       AS withheld
              FROM (SELECT product_id, location_id, SUM(quantity) AS quantity
                      FROM withheld_row GROUP BY product_id, location_id) w
              LEFT JOIN LATERAL (
                    SELECT SUM(q.quantity - q.reserved_quantity)::float8 AS quantity
                      FROM stock_quant q
                     WHERE q.product_id = w.product_id AND q.location_id = w.location_id
              ) free ON TRUE
             GROUP BY w.product_id
            """
        )

    @api.model
    def _cte_supply(self, scope, ctx):
        """Probable supply per product and kind (from :meth:`_supply_parts`)."""
        kinds = self._part_supply_kinds(ctx)
        if not kinds:
            return None
        return SQL(
            """
            SELECT s.product_id, %(columns)s
              FROM (%(parts)s) s
             WHERE s.product_id = ANY(%(products)s)
             GROUP BY s.product_id
            """,
            columns=SQL(", ").join(
                SQL("SUM(s.quantity) FILTER (WHERE s.kind = %s)::float8 AS %s",
                    kind, SQL.identifier(kind))
                for kind in kinds
            ),
            parts=SQL(" UNION ALL ").join(SQL("(%s)", part) for part in ctx["supply_parts"]),
            products=scope.product_ids,
        )

    @api.model
    def _part_supply_kinds(self, ctx):
        """The supply kinds the ``supply`` part sums (none without parts): those not
        computed in the figures' pass."""
        if not ctx["supply_parts"]:
            return []
        return [kind for kind in ctx["supply_kinds"] if kind not in ctx["supply_figures"]]

    @api.model
    def _cte_velocity(self, scope, ctx):
        """Units sold from the sources over the velocity window (days-of-cover safety)."""
        if ctx["safety_mode"] != "cover":
            return _nothing("product_id int", "sold float8")
        return SQL(
            """
            SELECT m.product_id, SUM(m.product_qty)::float8 AS sold
              FROM stock_move m
              JOIN stock_location dest ON dest.id = m.location_dest_id
             WHERE m.state = 'done'
               AND dest.usage = 'customer'
               AND m.location_id = ANY(%(locations)s)
               AND m.date >= %(since)s
               AND m.product_id = ANY(%(products)s)
             GROUP BY m.product_id
            """,
            locations=scope.location_ids,
            since=ctx["velocity_since"], products=scope.product_ids,
        )

    @api.model
    def _cte_channel_rule(self, scope, ctx):
        """The channel's few safety rules, read first: a catalog without rules costs nothing."""
        if not ctx["has_rules"]:
            return _nothing("id int", "product_id int", "safety_qty float8", "parent_path varchar")
        return SQL(
            """
            SELECT r.id, r.product_id, r.safety_qty::float8 AS safety_qty, rc.parent_path
              FROM omni_channel_safety_rule r
              LEFT JOIN product_category rc ON rc.id = r.categ_id
             WHERE r.channel_id = %s
            """,
            scope.channel_id,
        )

    @api.model
    def _cte_rule(self, scope, ctx):
        """The rule of each product: its own, else its nearest category's."""
        return SQL(
            """
            SELECT DISTINCT ON (p.id) p.id AS product_id, r.id AS rule_id, r.safety_qty
              FROM channel_rule r
              JOIN product p ON p.id = r.product_id
                OR (r.product_id IS NULL AND starts_with(p.categ_path, r.parent_path))
             ORDER BY p.id, r.product_id IS NULL, length(r.parent_path) DESC
            """
        )

    @api.model
    def _cte_hold_root(self, scope, ctx):
        """Each active hold and the location it draws on: its location, its warehouse,
        or else the sources of its channel."""
        return SQL(
            """
            SELECT h.id, h.product_id, h.channel_id, h.quantity, root.id AS root_id
              FROM omni_stock_hold h
              JOIN LATERAL (
                    SELECT h.location_id AS id WHERE h.location_id IS NOT NULL
                    UNION ALL
                    SELECT w.view_location_id FROM stock_warehouse w
                     WHERE w.id = h.warehouse_id AND h.location_id IS NULL
                    UNION ALL
                    SELECT w.view_location_id
                      FROM omni_channel_stock_warehouse_rel cw
                      JOIN stock_warehouse w ON w.id = cw.stock_warehouse_id
                     WHERE cw.omni_channel_id = h.channel_id
                       AND h.location_id IS NULL AND h.warehouse_id IS NULL
                    UNION ALL
                    SELECT cl.stock_location_id FROM omni_channel_stock_location_rel cl
                     WHERE cl.omni_channel_id = h.channel_id
                       AND h.location_id IS NULL AND h.warehouse_id IS NULL
              ) root ON TRUE
             WHERE %(active)s AND h.product_id = ANY(%(products)s)
            """,
            active=self.env["omni.stock.hold"]._active_sql("h"), products=scope.product_ids,
        )

    @api.model
    def _cte_hold(self, scope, ctx):
        """Own holds always count; other channels' holds when they share a source."""
        return SQL(
            """
            SELECT held.product_id,
                   SUM(held.quantity) FILTER (WHERE held.own)::float8 AS holds_own,
                   SUM(held.quantity) FILTER (WHERE NOT held.own)::float8 AS holds_other
              FROM (
                SELECT DISTINCT ON (hr.id) hr.product_id, hr.quantity,
                       COALESCE(hr.channel_id = %(channel)s, FALSE) AS own
                  FROM hold_root hr
                  JOIN stock_location root ON root.id = hr.root_id
                 WHERE COALESCE(hr.channel_id = %(channel)s, FALSE)
                    OR EXISTS (
                        SELECT 1 FROM stock_location src
                         WHERE src.id = ANY(%(locations)s)
                           AND starts_with(src.parent_path, root.parent_path))
              ) held
             GROUP BY held.product_id
            """,
            channel=scope.channel_id, locations=scope.location_ids,
        )

    @api.model
    def _cte_figures(self, scope, ctx):
        """Every figure of a product before the allocation cap."""
        detail = SQL()
        if scope.detail:
            detail = SQL("").join(
                SQL("COALESCE(quant.%s, 0) AS %s, ", SQL.identifier(b), SQL.identifier(b))
                for b in DETAIL_BUCKETS
            )
        supply = SQL("").join(
            self._figure_supply_column(kind, ctx) for kind in ctx["supply_kinds"])
        return SQL(
            """
            SELECT p.id AS product_id, p.rounding, rule.rule_id,
                   COALESCE(velocity.sold, 0) AS sold, %(detail)s %(supply)s
                   COALESCE(quant.pool, 0) - COALESCE(withheld.withheld, 0)
                       - COALESCE(demand.demand, 0) AS pool,
                   COALESCE(withheld.withheld, 0) AS withheld,
                   COALESCE(demand.demand, 0) AS demand,
                   COALESCE(move.in_transit, 0) AS in_transit,
                   COALESCE(move.incoming, 0) AS incoming,
                   COALESCE(hold.holds_own, 0) AS holds_own,
                   COALESCE(hold.holds_other, 0) AS holds_other,
                   COALESCE(
                       rule.safety_qty,
                       CASE WHEN %(mode)s = 'cover'
                            THEN (CEIL(COALESCE(velocity.sold, 0)::numeric / %(window)s
                                       * %(cover)s / p.rounding::numeric)
                                  * p.rounding::numeric)::float8
                            ELSE %(safety)s::float8 END
                   ) AS safety
              FROM product p
              LEFT JOIN quant ON quant.product_id = p.id
              LEFT JOIN move ON move.product_id = p.id
              LEFT JOIN demand ON demand.product_id = p.id
              LEFT JOIN withheld ON withheld.product_id = p.id
              LEFT JOIN velocity ON velocity.product_id = p.id
              LEFT JOIN rule ON rule.product_id = p.id
              LEFT JOIN hold ON hold.product_id = p.id
              %(supply_join)s
            """,
            detail=detail, supply=supply, mode=ctx["safety_mode"],
            window=ctx["velocity_days"], cover=ctx["cover_days"],
            safety=ctx["safety_qty"],
            supply_join=SQL("LEFT JOIN supply ON supply.product_id = p.id")
            if self._part_supply_kinds(ctx) else SQL(),
        )

    @api.model
    def _figure_supply_column(self, kind, ctx):
        """The figures' column of a supply kind: computed in this pass
        (:meth:`_supply_figures`), summed by the ``supply`` part, or 0."""
        name = SQL.identifier(kind)
        if kind in ctx["supply_figures"]:
            return SQL("COALESCE((%s)::float8, 0) AS %s, ", ctx["supply_figures"][kind], name)
        if kind in self._part_supply_kinds(ctx):
            return SQL("COALESCE(supply.%s, 0) AS %s, ", name, name)
        return SQL("0::float8 AS %s, ", name)

    @api.model
    def _cte_capped(self, scope, ctx):
        """The allocation cap: a share of the pool, rounded down to the promise unit
        (in numeric, so binary noise such as 2.9999999999 units cannot cost a unit)."""
        return SQL(
            """
            SELECT f.*,
                   CASE WHEN f.pool <= 0 THEN f.pool
                        ELSE (FLOOR(f.pool::numeric * %s / 100 / f.rounding::numeric)
                              * f.rounding::numeric)::float8
                   END AS cap
              FROM figures f
            """,
            ctx["allocation"],
        )

    @api.model
    def _ats_ctes(self, scope, ctx):
        """The named parts of the statement, in order: ``[(name, SQL, materialized)]``."""
        ctes = [
            ("product", self._cte_product(scope, ctx), False),
            ("quant", self._cte_quant(scope, ctx), False),
            ("move", self._cte_move(scope, ctx), False),
            ("demand_move", self._cte_demand_move(scope, ctx), False),
            ("demand", self._cte_demand(scope, ctx), False),
            ("withheld_row", self._cte_withheld_row(scope, ctx), False),
            ("withheld", self._cte_withheld(scope, ctx), False),
            ("supply", self._cte_supply(scope, ctx), False),
            ("velocity", self._cte_velocity(scope, ctx), False),
            ("channel_rule", self._cte_channel_rule(scope, ctx), True),
            ("rule", self._cte_rule(scope, ctx), False),
            ("hold_root", self._cte_hold_root(scope, ctx), False),
            ("hold", self._cte_hold(scope, ctx), False),
            ("figures", self._cte_figures(scope, ctx), False),
            ("capped", self._cte_capped(scope, ctx), False),
        ]
        return [cte for cte in ctes if cte[1] is not None]

    @api.model
    def _ats_select(self, scope, ctx):
        """The figures returned per product."""
        columns = [
            # the detailed "reserved" figure counts holds as reserved stock too
            SQL("reserved + holds_own + holds_other AS reserved") if bucket == "reserved"
            else SQL.identifier(bucket)
            for bucket in (DETAIL_BUCKETS if scope.detail else ())
        ]
        columns += [SQL.identifier(kind) for kind in ctx["supply_kinds"]]
        extra = SQL("").join(SQL("%s, ", col) for col in columns)
        return SQL(
            """
            SELECT product_id, rule_id, sold, %s in_transit, incoming, pool, withheld, demand,
                   holds_own + holds_other AS holds, holds_own, holds_other, safety,
                   GREATEST(0, LEAST(pool - holds_own - holds_other - safety,
                                     cap - holds_own)) AS ats
              FROM capped
            """,
            extra,
        )

    @api.model
    def _statement_context(self, scope):
        """The channel's rules and the addons' parts, read once per statement."""
        ctx = self._channel_rules(scope.channel, scope.now)
        ctx["has_rules"] = bool(scope.channel) and self._has_safety_rules(scope.channel)
        ctx["quant_statuses"] = set() if scope.detail else set(self._quant_statuses(scope))
        ctx["withheld_parts"] = self._withheld_parts(scope)
        ctx["supply_kinds"] = list(self._supply_kinds())
        ctx["supply_parts"] = self._supply_parts(scope) if ctx["supply_kinds"] else []
        ctx["supply_figures"] = self._supply_figures(scope) if ctx["supply_kinds"] else {}
        return ctx

    @api.model
    def _has_safety_rules(self, channel):
        self.env.cr.execute(
            "SELECT EXISTS(SELECT 1 FROM omni_channel_safety_rule WHERE channel_id = %s)",
            [channel.id])
        return self.env.cr.fetchone()[0]

    @api.model
    def _ats_query(self, scope, ctx=None):
        ctx = ctx or self._statement_context(scope)
        ctes = SQL(",").join(
            SQL("%s AS %s(%s)", SQL.identifier(name),
                SQL("MATERIALIZED") if materialized else SQL(), body)
            for name, body, materialized in self._ats_ctes(scope, ctx)
        )
        return SQL("WITH %s %s", ctes, self._ats_select(scope, ctx))

    # ------------------------------------------------------------------ entry points

    @api.model
    def compute(self, products, channel=None, locations=None, detail=True, live=False):
        """ATS figures of ``products``: ``{product_id: {bucket: qty}}``.

        :param channel: an ``omni.channel``; its sources and rules apply.
        :param locations: without a channel, the root locations in scope
            (default: every internal location of the allowed companies).
        :param detail: with ``False``, only read the trusted sellable pool and
            return the figures of ``LEAN_BUCKETS`` and probable supply (what a
            channel needs to promise, about 3x cheaper than every status bucket).
            A channel's lean figures come from its maintained state
            (``omni.ats.state``) when it has one: the same figures, exact, read
            instead of computed.
        :param live: always compute (checks made under a lock, verification).
        """
        if not products:
            return {}
        if channel and not detail and not locations and not live:
            figures = self.env["omni.ats.state"]._read(products, channel)
            if figures is not None:
                return figures
        return self._compute_live(products, channel, locations, detail)

    @api.model
    def _compute_live(self, products, channel=None, locations=None, detail=True):
        """:meth:`compute` by the engine's statement, whatever state exists."""
        if not products:
            return {}
        scope = self._scope(products, channel, locations, detail)
        self.env.flush_all()
        cr = self.env.cr
        # the planner overestimates the outer joins; JIT compilation would then cost more
        # than the query itself (about 100 ms on a 10,000-product catalog): off for the
        # rest of this transaction, sent with the statement (one round trip)
        query = self._ats_query(scope)
        cr.execute(SQL("SET LOCAL jit = off; %s", query))
        columns = [col.name for col in cr.description]
        return {row[0]: dict(zip(columns, row, strict=True)) for row in cr.fetchall()}

    # ------------------------------------------------------------------ explanation

    @api.model
    def explain(self, product, channel):
        """Explain the ATS of one product in one channel.

        Returns an :class:`ats_formula.Explanation` whose lines sum to the ATS
        that :meth:`compute` returns.
        """
        product.ensure_one()
        channel.ensure_one()
        figures = self.compute(product, channel)[product.id]
        scope = self._scope(product, channel)
        ctx = self._statement_context(scope)
        supply_labels = self._supply_kinds()
        return ats_formula.explain(
            self._explain_locations(scope, ctx),
            figures["safety"],
            channel.allocation_percent,
            self.rounding(product),
            channel.min_location_accuracy,
            holds=self._explain_holds(product, channel, figures),
            safety_label=self.safety_description(product, channel, figures),
            demand=figures["demand"],
            supply=[(label, figures.get(kind, 0.0)) for kind, label in supply_labels.items()],
            labels=self._explanation_labels(),
        )

    @api.model
    def _explain_locations(self, scope, ctx):
        """The sellable source locations of one product, with what each withholds."""
        cr = self.env.cr
        cr.execute(SQL(
            """
            WITH withheld_row AS (%(withheld)s)
            SELECT location_id, kind, quantity FROM withheld_row ORDER BY location_id, kind
            """,
            withheld=self._cte_withheld_row(scope, ctx),
        ))
        rows = cr.fetchall()
        # after the fetch: an addon's labels may come from a query of their own
        kinds = self._withheld_kinds()
        withheld = {}
        for location_id, kind, quantity in rows:
            withheld.setdefault(location_id, []).append((kinds.get(kind, kind), quantity))
        cr.execute(SQL(
            """
            SELECT l.id, l.complete_name, COALESCE(l.omni_accuracy, 100)::float8,
                   SUM(q.quantity)::float8, SUM(q.reserved_quantity)::float8
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
             WHERE q.product_id = ANY(%(products)s)
               AND l.id = ANY(%(locations)s)
               AND l.omni_status = 'sellable'
             GROUP BY l.id, l.complete_name, l.omni_accuracy
            HAVING SUM(q.quantity) <> 0 OR SUM(q.reserved_quantity) <> 0
             ORDER BY l.complete_name
            """,
            products=scope.product_ids, locations=scope.location_ids,
        ))
        rows = cr.fetchall()
        notes = self._location_notes(self.env["stock.location"].browse([r[0] for r in rows]))
        trusted = set(scope.pool_location_ids)
        return [
            ats_formula.LocationFigure(
                loc_id, name, qty or 0.0, reserved or 0.0, accuracy, loc_id in trusted,
                withheld=tuple(withheld.get(loc_id, ())), note=notes.get(loc_id, ""),
            )
            for loc_id, name, accuracy, qty, reserved in rows
        ]

    @api.model
    def _explanation_labels(self):
        """Translated templates of the explanation lines (see ``ats_formula.LABELS``)."""
        return {
            "sellable": self.env._("%(location)s: sellable stock"),
            "reserved": self.env._("%(location)s: reserved by transfers"),
            "withheld": self.env._("%(location)s: %(reason)s"),
            "untrusted": self.env._(
                "%(location)s: excluded, accuracy %(accuracy)s%% below the required "
                "%(required)s%%"),
            "demand": self.env._("Ordered, not yet reserved by a transfer"),
            "allocation": self.env._("Allocation cap: %(percent)s%% of the pooled stock"),
            "floor": self.env._("ATS never goes below zero"),
            "supply": self.env._("%(reason)s: %(quantity)s (probable, never sold)"),
            "note": self.env._("%(line)s (%(note)s)"),
        }

    @api.model
    def _explain_holds(self, product, channel, figures):
        """Holds deducted from the pool, as (description, quantity, own) triples."""
        holds = []
        if figures["holds_own"]:
            holds.append((self.env._("Active holds of %s", channel.name),
                          figures["holds_own"], True))
        if figures["holds_other"]:
            holds.append((self.env._("Active holds of other channels on these sources"),
                          figures["holds_other"], False))
        return holds

    @api.model
    def safety_description(self, product, channel, figures):
        """Which rule set the safety stock of ``product`` in ``channel``."""
        if figures["rule_id"]:
            rule = self.env["omni.channel.safety.rule"].browse(figures["rule_id"])
            target = rule.product_id.display_name or rule.categ_id.display_name
            return self.env._("Safety stock (rule for %s)", target)
        if channel.safety_stock_mode == "cover":
            return self.env._(
                "Safety stock (%(days)s days of cover, %(sold)s sold in %(window)s days)",
                days=channel.safety_stock_days, sold=figures["sold"],
                window=channel.velocity_window_days,
            )
        return self.env._("Safety stock (channel default)")
