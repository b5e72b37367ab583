# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The consignment part of the ATS statement.

``consigned:<owner id>``: the free stock of an owner (a vendor whose goods the
retailer holds) that the channel may not sell: its agreement does not list the
channel, or it has no active agreement. One part of the same statement, reading
only owned quants (a partial index keeps it off the retailer's own stock); the
explanation names each owner ("consigned by <owner>: not sold on <channel>").
Stock of owners the channel may sell stays in the pool; the explanation says how
much of each location's stock is whose.
"""

import dataclasses

from odoo import api, models
from odoo.tools import SQL

KIND_PREFIX = "consigned:"


class OmniAts(models.AbstractModel):
    _inherit = "omni.ats"

    @api.model
    def _withheld_parts(self, scope):
        parts = super()._withheld_parts(scope)
        if scope.channel and scope.pool_location_ids and scope.product_ids \
                and self._consign_owned_stock_present(scope):
            parts.append(self._consign_withheld_part(scope))
        return parts

    @api.model
    def _consign_own_partner_ids(self, scope):
        """Owners that are the retailer itself (its companies' partners): own stock."""
        return scope.channel.company_id.partner_id.ids

    @api.model
    def _consign_owned_stock_present(self, scope):
        """Whether any owned quant lies in the pool: one probe on the partial index
        that spares the statement the part when nothing is consigned."""
        self.env.cr.execute(SQL(
            """
            SELECT EXISTS(SELECT 1 FROM stock_quant q
                           WHERE q.owner_id IS NOT NULL AND q.location_id = ANY(%s)
                             AND q.owner_id <> ALL(%s))
            """,
            scope.pool_location_ids, self._consign_own_partner_ids(scope),
        ))
        return self.env.cr.fetchone()[0]

    @api.model
    def _consign_withheld_part(self, scope):
        """The free stock of owners ``scope``'s channel may not sell, per owner."""
        allowed = self.env["omni.stock.consignment.agreement"]._allowed_owner_ids(
            scope.channel)
        return SQL(
            """
            SELECT q.product_id, q.location_id,
                   (%(prefix)s || q.owner_id)::varchar AS kind,
                   SUM(GREATEST(q.quantity - q.reserved_quantity, 0))::float8 AS quantity
              FROM stock_quant q
             WHERE q.owner_id IS NOT NULL
               AND q.owner_id <> ALL(%(allowed)s)
               AND q.location_id = ANY(%(pool)s) AND q.product_id = ANY(%(products)s)
             GROUP BY q.product_id, q.location_id, q.owner_id
            """,
            prefix=KIND_PREFIX, allowed=allowed + self._consign_own_partner_ids(scope),
            pool=scope.pool_location_ids, products=scope.product_ids,
        )

    @api.model
    def _explain_locations(self, scope, ctx):
        """Name the owners: each withheld owner's line, and each location's consigned
        stock the channel sells ("of which 3 consigned by <owner>")."""
        figures = super()._explain_locations(scope, ctx)
        if not scope.channel or not figures:
            return figures
        self.env.cr.execute(SQL(
            """
            SELECT q.location_id, q.owner_id, SUM(q.quantity)::float8
              FROM stock_quant q
             WHERE q.owner_id IS NOT NULL AND q.owner_id <> ALL(%s)
               AND q.product_id = ANY(%s) AND q.location_id = ANY(%s)
             GROUP BY q.location_id, q.owner_id
            HAVING SUM(q.quantity) <> 0
            """,
            self._consign_own_partner_ids(scope), scope.product_ids,
            [fig.location_id for fig in figures],
        ))
        owned = {}
        for location_id, owner_id, quantity in self.env.cr.fetchall():
            owned.setdefault(location_id, []).append((owner_id, quantity))
        withheld_owner_ids = {
            int(reason[len(KIND_PREFIX):])
            for fig in figures for reason, _qty in fig.withheld
            if reason.startswith(KIND_PREFIX)
        }
        owner_ids = withheld_owner_ids | {o for rows in owned.values() for o, _q in rows}
        # earned: owner names only, of stock in the channel's sources the caller reads
        names = {p.id: p.display_name
                 for p in self.env["res.partner"].sudo().browse(sorted(owner_ids))}
        channel = scope.channel.name
        result = []
        for fig in figures:
            withheld = tuple(
                (self.env._("consigned by %(owner)s: not sold on %(channel)s",
                            owner=names.get(int(reason[len(KIND_PREFIX):]), "?"),
                            channel=channel), qty)
                if reason.startswith(KIND_PREFIX) else (reason, qty)
                for reason, qty in fig.withheld
            )
            sold = [(o, q) for o, q in owned.get(fig.location_id, ())
                    if o not in withheld_owner_ids]
            note = fig.note
            if sold:
                split = ", ".join(
                    self.env._("of which %(qty)s consigned by %(owner)s",
                               qty=f"{q:g}", owner=names[o])
                    for o, q in sold)
                note = f"{note}; {split}" if note else split
            result.append(dataclasses.replace(fig, withheld=withheld, note=note))
        return result
