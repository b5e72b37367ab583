"""The available-to-sell engine: every ATS figure of the suite comes from here.

All SQL reading stock for ATS lives in this file. One query computes the
status buckets, incoming and in-transit stock, safety stock and ATS of any
number of products for one scope (a channel's sources, or a set of locations).
"""

from datetime import timedelta

from odoo import api, fields, models

from ..tools import ats_formula

BUCKETS = (
    "on_hand", "sellable", "reserved", "unpickable", "damaged", "quarantine",
    "inspection", "in_transit", "incoming", "pool", "holds", "safety", "ats",
)

OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")

ATS_QUERY_TEMPLATE = """
WITH product AS (
    SELECT pp.id, cat.parent_path AS categ_path,
           CASE WHEN uom.category_id = %(unit_category_id)s THEN 1
                ELSE COALESCE(NULLIF(uom.rounding, 0), 1) END::float8 AS rounding
      FROM product_product pp
      JOIN product_template pt ON pt.id = pp.product_tmpl_id
      JOIN product_category cat ON cat.id = pt.categ_id
      LEFT JOIN uom_uom uom ON uom.id = pt.uom_id
     WHERE pp.id = ANY(%(product_ids)s)
),
{quant}move AS (
    SELECT m.product_id,
           SUM(m.product_qty) FILTER (WHERE src.usage = 'transit')::float8 AS in_transit,
           SUM(m.product_qty) FILTER (
               WHERE src.usage NOT IN ('internal', 'transit') AND m.date <= %(horizon)s
           )::float8 AS incoming
      FROM stock_move m
      JOIN stock_location src ON src.id = m.location_id
     WHERE m.location_dest_id = ANY(%(location_ids)s)
       AND m.state IN %(open_states)s
       AND m.product_id IN (SELECT id FROM product)
     GROUP BY m.product_id
),
velocity AS (
    SELECT m.product_id, SUM(m.product_qty)::float8 AS sold
      FROM stock_move m
      JOIN stock_location dest ON dest.id = m.location_dest_id
     WHERE %(safety_mode)s = 'cover'
       AND m.state = 'done'
       AND dest.usage = 'customer'
       AND m.location_id = ANY(%(location_ids)s)
       AND m.date >= %(velocity_since)s
       AND m.product_id IN (SELECT id FROM product)
     GROUP BY m.product_id
),
channel_rule AS MATERIALIZED (
    -- the channel's few rules first, so a catalog without rules costs nothing here
    SELECT r.id, r.product_id, r.safety_qty::float8 AS safety_qty, rc.parent_path
      FROM omni_channel_safety_rule r
      LEFT JOIN product_category rc ON rc.id = r.categ_id
     WHERE r.channel_id = %(channel_id)s
),
rule AS (
    SELECT DISTINCT ON (p.id) p.id AS product_id, r.id AS rule_id, r.safety_qty
      FROM channel_rule r
      JOIN product p ON p.id = r.product_id
        OR (r.product_id IS NULL AND p.categ_path LIKE r.parent_path || '%%')
     ORDER BY p.id, r.product_id IS NULL, length(r.parent_path) DESC
),
hold_root AS (
    -- an active, unexpired hold draws on its location, its warehouse, or else on
    -- the sources of its channel
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
     WHERE h.state = 'active'
       AND h.expires_at > (statement_timestamp() AT TIME ZONE 'UTC')
       AND h.product_id IN (SELECT id FROM product)
),
hold AS (
    -- own holds always count; other holds when they share a source location
    SELECT held.product_id,
           SUM(held.quantity) FILTER (WHERE held.own)::float8 AS holds_own,
           SUM(held.quantity) FILTER (WHERE NOT held.own)::float8 AS holds_other
      FROM (
        SELECT DISTINCT ON (hr.id) hr.product_id, hr.quantity,
               COALESCE(hr.channel_id = %(channel_id)s, FALSE) AS own
          FROM hold_root hr
          JOIN stock_location root ON root.id = hr.root_id
         WHERE COALESCE(hr.channel_id = %(channel_id)s, FALSE)
            OR EXISTS (
                SELECT 1 FROM stock_location src
                 WHERE src.id = ANY(%(location_ids)s)
                   AND src.parent_path LIKE root.parent_path || '%%')
      ) held
     GROUP BY held.product_id
),
figures AS (
    SELECT p.id AS product_id, p.rounding, rule.rule_id,
           COALESCE(velocity.sold, 0) AS sold,
           COALESCE(quant.pool, 0) AS pool,{figure_buckets}
           COALESCE(move.in_transit, 0) AS in_transit,
           COALESCE(move.incoming, 0) AS incoming,
           COALESCE(hold.holds_own, 0) AS holds_own,
           COALESCE(hold.holds_other, 0) AS holds_other,
           COALESCE(
               rule.safety_qty,
               CASE WHEN %(safety_mode)s = 'cover'
                    THEN CEIL(COALESCE(velocity.sold, 0) / %(velocity_days)s
                              * %(cover_days)s / p.rounding - 1e-9) * p.rounding
                    ELSE %(safety_qty)s::float8 END
           ) AS safety
      FROM product p
      LEFT JOIN quant ON quant.product_id = p.id
      LEFT JOIN move ON move.product_id = p.id
      LEFT JOIN velocity ON velocity.product_id = p.id
      LEFT JOIN rule ON rule.product_id = p.id
      LEFT JOIN hold ON hold.product_id = p.id
),
capped AS (
    SELECT f.*,
           CASE WHEN f.pool <= 0 THEN f.pool
                ELSE FLOOR(f.pool * %(allocation)s / 100.0 / f.rounding + 1e-9) * f.rounding
           END AS cap
      FROM figures f
)
SELECT product_id, rule_id, sold,{buckets} in_transit, incoming, pool,
       holds_own + holds_other AS holds, holds_own, holds_other, safety,
       GREATEST(0, LEAST(pool - holds_own - holds_other - safety, cap - holds_own)) AS ats
  FROM capped
"""

DETAIL_FIGURES = """
           COALESCE(quant.on_hand, 0) AS on_hand,
           COALESCE(quant.sellable, 0) AS sellable,
           COALESCE(quant.reserved, 0) AS reserved,
           COALESCE(quant.unpickable, 0) AS unpickable,
           COALESCE(quant.damaged, 0) AS damaged,
           COALESCE(quant.quarantine, 0) AS quarantine,
           COALESCE(quant.inspection, 0) AS inspection,"""

DETAIL_BUCKETS = """ on_hand, sellable,
       reserved + holds_own + holds_other AS reserved,
       unpickable, damaged, quarantine, inspection,"""

# every status bucket, for screens and reports
QUANT_DETAIL = """
scope AS (
    SELECT l.id, l.omni_status AS status,
           l.id = ANY(%(pool_location_ids)s) AS trusted
      FROM stock_location l
     WHERE l.id = ANY(%(location_ids)s)
),
quant AS (
    SELECT q.product_id,
           SUM(q.quantity::float8) AS on_hand,
           SUM(q.quantity::float8) FILTER (WHERE s.status = 'sellable') AS sellable,
           SUM(q.reserved_quantity::float8) FILTER (WHERE s.status = 'sellable') AS reserved,
           SUM((q.quantity - q.reserved_quantity)::float8)
               FILTER (WHERE s.status = 'sellable' AND s.trusted) AS pool,
           SUM(q.quantity::float8) FILTER (WHERE s.status = 'unpickable') AS unpickable,
           SUM(q.quantity::float8) FILTER (WHERE s.status = 'damaged') AS damaged,
           SUM(q.quantity::float8) FILTER (WHERE s.status = 'quarantine') AS quarantine,
           SUM(q.quantity::float8) FILTER (WHERE s.status = 'inspection') AS inspection
      FROM stock_quant q
      JOIN scope s ON s.id = q.location_id
     WHERE q.product_id = ANY(%(product_ids)s)
     GROUP BY q.product_id
),
"""

# only the trusted sellable pool: what channels, the API and the shop need
QUANT_LEAN = """
quant AS (
    SELECT q.product_id, SUM((q.quantity - q.reserved_quantity)::float8) AS pool
      FROM stock_quant q
     WHERE q.location_id = ANY(%(pool_location_ids)s)
       AND q.product_id = ANY(%(product_ids)s)
     GROUP BY q.product_id
),
"""

ATS_QUERY = (
    ATS_QUERY_TEMPLATE.replace("{quant}", QUANT_DETAIL)
    .replace("{figure_buckets}", DETAIL_FIGURES)
    .replace("{buckets}", DETAIL_BUCKETS)
)
ATS_LEAN_QUERY = (
    ATS_QUERY_TEMPLATE.replace("{quant}", QUANT_LEAN)
    .replace("{figure_buckets}", "")
    .replace("{buckets}", "")
)

LOCATION_QUERY = """
SELECT l.id, l.complete_name, COALESCE(l.omni_accuracy, 100)::float8,
       SUM(q.quantity)::float8, SUM(q.reserved_quantity)::float8
  FROM stock_quant q
  JOIN stock_location l ON l.id = q.location_id
 WHERE q.product_id = %(product_id)s
   AND l.id = ANY(%(location_ids)s)
   AND l.omni_status = 'sellable'
 GROUP BY l.id, l.complete_name, l.omni_accuracy
HAVING SUM(q.quantity) <> 0 OR SUM(q.reserved_quantity) <> 0
 ORDER BY l.complete_name
"""


class OmniAts(models.AbstractModel):
    """Set-based ATS computation and its explanation."""

    _name = "omni.ats"
    _description = "Available-to-sell Engine"

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
    def _pool_locations(self, scope, min_accuracy):
        """The trusted sellable locations of ``scope``: the only stock a channel promises."""
        return scope.filtered(
            lambda loc: loc.omni_status == "sellable" and loc.omni_accuracy >= min_accuracy
        )

    @api.model
    def _unit_category_id(self):
        category = self.env.ref("uom.product_uom_categ_unit", raise_if_not_found=False)
        return category.id if category else 0

    @api.model
    def rounding(self, product):
        """Promises are whole units for unit-counted goods, else the UoM rounding."""
        if product.uom_id.category_id.id == self._unit_category_id():
            return 1.0
        return product.uom_id.rounding or 1.0

    @api.model
    def _params(self, products, scope, channel):
        now = fields.Datetime.now()
        params = {
            "product_ids": list(products.ids),
            "location_ids": list(scope.ids),
            "open_states": OPEN_MOVE_STATES,
            "unit_category_id": self._unit_category_id(),
            "channel_id": None,
            "min_accuracy": 0.0,
            "safety_mode": "fixed",
            "safety_qty": 0.0,
            "cover_days": 0.0,
            "velocity_days": 1,
            "velocity_since": now,
            "allocation": 100.0,
            "horizon": now + timedelta(days=7),
        }
        if channel:
            params.update(
                channel_id=channel.id,
                min_accuracy=channel.min_location_accuracy,
                safety_mode=channel.safety_stock_mode,
                safety_qty=channel.safety_stock_qty,
                cover_days=channel.safety_stock_days,
                velocity_days=channel.velocity_window_days,
                velocity_since=now - timedelta(days=channel.velocity_window_days),
                allocation=channel.allocation_percent,
                horizon=now + timedelta(days=channel.incoming_horizon_days),
            )
        return params

    @api.model
    def compute(self, products, channel=None, locations=None, detail=True):
        """ATS figures of ``products``: ``{product_id: {bucket: qty}}``.

        :param channel: an ``omni.channel``; its sources and rules apply.
        :param locations: without a channel, the root locations in scope
            (default: every internal location of the allowed companies).
        :param detail: with ``False``, only read the trusted sellable pool and
            return ``ats``, ``pool``, ``holds``, ``safety``, ``incoming`` and
            ``in_transit`` (what a channel needs to promise, about 3x cheaper).
        """
        if not products:
            return {}
        scope = self._scope_locations(channel, locations)
        params = self._params(products, scope, channel)
        params["pool_location_ids"] = self._pool_locations(scope, params["min_accuracy"]).ids
        self.env.flush_all()
        cr = self.env.cr
        # the planner overestimates the outer joins; JIT compilation would then cost
        # more than the query itself (about 100 ms on a 10,000-product catalog)
        cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        jit = cr.fetchone()[0]
        cr.execute(ATS_QUERY if detail else ATS_LEAN_QUERY, params)
        columns = [col.name for col in cr.description]
        rows = cr.fetchall()
        cr.execute("SELECT set_config('jit', %s, true)", [jit])
        return {row[0]: dict(zip(columns, row, strict=True)) for row in rows}

    @api.model
    def explain(self, product, channel):
        """Explain the ATS of one product in one channel.

        Returns an :class:`ats_formula.Explanation` whose lines sum to the ATS
        that :meth:`compute` returns.
        """
        product.ensure_one()
        channel.ensure_one()
        scope = self._scope_locations(channel)
        figures = self.compute(product, channel)[product.id]
        self.env.cr.execute(
            LOCATION_QUERY, {"product_id": product.id, "location_ids": list(scope.ids)}
        )
        minimum = channel.min_location_accuracy
        trusted = set(self._pool_locations(scope, minimum).ids)
        locations = [
            ats_formula.LocationFigure(
                loc_id, name, qty or 0.0, reserved or 0.0, accuracy, loc_id in trusted
            )
            for loc_id, name, accuracy, qty, reserved in self.env.cr.fetchall()
        ]
        return ats_formula.explain(
            locations,
            figures["safety"],
            channel.allocation_percent,
            self.rounding(product),
            minimum,
            holds=self._explain_holds(product, channel, figures),
            safety_label=self.safety_description(product, channel, figures),
        )

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
