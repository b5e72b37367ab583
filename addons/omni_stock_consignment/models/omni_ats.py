# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Consigned stock in the ATS statement.

Stock owned by a vendor (``stock.quant.owner_id``) is in a channel's pool only when the
vendor's active agreement lists the channel. The free units of the other owners are
withheld: one more source of the statement's ``withheld`` part, per product, reading
only owned quants (a partial index keeps the retailer's own stock out of it) and the
agreements in the same statement (no query, no per-location rows to plan). They are
the owner's units, not the location's: they are not capped at the location's free
stock (own stock oversold there stays oversold for the channel), and nothing else is
deducted from them.

The explanation shows them per location and owner: the location's units of the owners
the channel may not sell are a figure of their own ("consigned by <owner>: not sold on
<channel>" takes them out again), and the location's own figure says how much of it
belongs to owners the channel sells ("of which 3 consigned by <owner>").
"""

import dataclasses

from odoo import api, models
from odoo.addons.omni_stock.tools import ats_formula
from odoo.tools import SQL


class OmniAts(models.AbstractModel):
    _inherit = "omni.ats"

    # ------------------------------------------------------------------ statement

    @api.model
    def _consign_own_partner_ids(self, scope):
        """Owners that are the retailer itself (its company's partner): own stock."""
        return scope.channel.company_id.partner_id.ids

    @api.model
    def _cte_withheld(self, scope, ctx):
        """Withheld stock per product, with the free units of the owners the channel
        may not sell (no query of its own: the agreements are read in the statement)."""
        withheld = super()._cte_withheld(scope, ctx)
        if not (scope.channel and scope.pool_location_ids and scope.product_ids):
            return withheld
        if not ctx["withheld_parts"]:
            # the engine's part is empty: ours alone (less to plan)
            return self._consign_withheld_sql(scope)
        return SQL(
            """
            SELECT w.product_id, SUM(w.withheld)::float8 AS withheld
              FROM ((%(withheld)s) UNION ALL (%(consigned)s)) w
             GROUP BY w.product_id
            """,
            withheld=withheld, consigned=self._consign_withheld_sql(scope),
        )

    @api.model
    def _consign_withheld_sql(self, scope):
        """``(product_id, withheld)``: the free units in the pool of the owners whose
        active agreement does not list the channel (or who have none)."""
        return SQL(
            """
            SELECT q.product_id,
                   SUM(GREATEST(q.quantity - q.reserved_quantity, 0))::float8 AS withheld
              FROM stock_quant q
             WHERE q.owner_id IS NOT NULL
               AND q.location_id = ANY(%(pool)s) AND q.product_id = ANY(%(products)s)
               AND q.owner_id <> ALL(ARRAY(
                    SELECT a.partner_id FROM omni_stock_consignment_agreement a
                      JOIN omni_consign_agreement_channel_rel rel ON rel.agreement_id = a.id
                     WHERE a.active AND rel.channel_id = %(channel)s
                    UNION ALL SELECT unnest(%(own)s::int4[])))
             GROUP BY q.product_id
            """,
            own=self._consign_own_partner_ids(scope), pool=scope.pool_location_ids,
            products=scope.product_ids, channel=scope.channel_id,
        )

    @api.model
    def _state_guards(self, channel, now):
        """The owners a channel may sell decide the figures of their products and change
        with no stock row: the maintained state holds while they stay the same."""
        return dict(super()._state_guards(channel, now), consigned_owners=SQL(
            """
            SELECT COALESCE(array_agg(a.partner_id ORDER BY a.partner_id), '{}')
              FROM omni_stock_consignment_agreement a
              JOIN omni_consign_agreement_channel_rel rel ON rel.agreement_id = a.id
             WHERE a.active AND rel.channel_id = %s
            """, channel.id))

    # ------------------------------------------------------------------ explanation

    @api.model
    def _explain_locations(self, scope, ctx):
        """Split each location's figure by owner: the units of owners the channel may
        not sell become a figure of their own, withheld per owner (it adds up to
        nothing); the rest says which of its units are consigned."""
        figures = super()._explain_locations(scope, ctx)
        if not scope.channel or not figures:
            return figures
        sold = set(self.env["omni.stock.consignment.agreement"]._allowed_owner_ids(
            scope.channel) + self._consign_own_partner_ids(scope))
        self.env.cr.execute(SQL(
            """
            SELECT q.location_id, q.owner_id, SUM(q.quantity)::float8,
                   SUM(q.reserved_quantity)::float8,
                   SUM(GREATEST(q.quantity - q.reserved_quantity, 0))::float8
              FROM stock_quant q
             WHERE q.owner_id IS NOT NULL AND q.owner_id <> ALL(%s)
               AND q.product_id = ANY(%s) AND q.location_id = ANY(%s)
             GROUP BY q.location_id, q.owner_id
            HAVING SUM(q.quantity) <> 0 OR SUM(q.reserved_quantity) <> 0
             ORDER BY q.location_id, q.owner_id
            """,
            self._consign_own_partner_ids(scope), scope.product_ids,
            [fig.location_id for fig in figures],
        ))
        owned = {}
        for location_id, owner_id, qty, reserved, free in self.env.cr.fetchall():
            owned.setdefault(location_id, []).append((owner_id, qty, reserved, free))
        if not owned:
            return figures
        owner_ids = sorted({row[0] for rows in owned.values() for row in rows})
        # earned: owner names only, of stock in the channel's sources the caller reads
        names = {p.id: p.display_name
                 for p in self.env["res.partner"].sudo().browse(owner_ids)}
        result = []
        for fig in figures:
            rows = owned.get(fig.location_id, ())
            if not rows:
                result.append(fig)
                continue
            sold_rows = [row for row in rows if row[0] in sold]
            kept_rows = [row for row in rows if row[0] not in sold]
            note = fig.note
            if sold_rows:
                split = ", ".join(
                    self.env._("of which %(qty)s consigned by %(owner)s",
                               qty=f"{qty:g}", owner=names[owner])
                    for owner, qty, _reserved, _free in sold_rows)
                note = f"{note}; {split}" if note else split
            if not kept_rows or not fig.trusted:
                result.append(dataclasses.replace(fig, note=note))
                continue
            kept_qty = sum(row[1] for row in kept_rows)
            kept_reserved = sum(row[2] for row in kept_rows)
            result.append(dataclasses.replace(
                fig, sellable=fig.sellable - kept_qty, reserved=fig.reserved - kept_reserved,
                note=note))
            result.append(ats_formula.LocationFigure(
                fig.location_id, fig.name, kept_qty, kept_reserved, fig.accuracy, True,
                withheld=tuple(
                    (self.env._("consigned by %(owner)s: not sold on %(channel)s",
                                owner=names[owner], channel=scope.channel.name), free)
                    for owner, _qty, _reserved, free in kept_rows),
            ))
        return result
