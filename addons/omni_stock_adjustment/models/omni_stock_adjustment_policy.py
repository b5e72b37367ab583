# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import float_compare

from ..tools import is_system


class OmniStockAdjustmentPolicy(models.AbstractModel):
    """The adjustment policy, shared by counts (``stock.quant``) and scraps.

    It works on *entries*, one dict per stock change (see :meth:`_prepare_entry`):
    :meth:`_check_entries` refuses a missing or invalid reason or note and a
    date on or before the lock date; :meth:`_split_entries` tells the changes
    applied at once from those that wait for an approver (thresholds of the
    reason, warehouse or company, with the running total of the current user's
    unapproved changes of the same product and location over the window).
    Each step reads in batch: one query per window for any number of entries.
    """

    _name = "omni.stock.adjustment.policy"
    _description = "Stock Adjustment Policy"

    @api.model
    def _prepare_entry(
        self,
        target,
        quantity_before,
        delta,
        reason,
        note,
        source,
        counters=None,
        accounting_date=False,
        value=None,
        cost=None,
        **extra,
    ):
        """One stock change.

        :param target: the quant, scrap or request it is about (a record with
            company_id, product_id, location_id, lot_id, package_id, owner_id)
        :param delta: the change, in the product's unit of measure
        :param reason: a reason record, id or falsy (checked by _check_entries)
        :param source: a key of the log's SOURCES
        :param counters: the users who entered the quantity (res.users, one or
            several); none of them, nor the user applying it, may approve it
        :param value: the change's value (default: ``|delta|`` x the product's cost)
        :param cost: the product's cost in the target's company when known (see
            :meth:`_omni_costs`), read otherwise
        :param extra: ``quant`` and ``counted`` for counts, ``scrap``,
            ``request`` for an approved request
        """
        company = self._omni_company(target)
        product = target.product_id
        if value is None:
            if cost is None:
                cost = self._omni_costs([(product, company)])[product.id, company.id]
            value = abs(delta) * cost
        return {
            "target": target,
            "company": company,
            "product": product,
            "location": target.location_id,
            "quantity_before": quantity_before,
            "delta": delta,
            "value": value,
            "reason": reason,
            "note": note,
            "source": source,
            "counters": counters or self.env.user,
            "accounting_date": accounting_date or False,
            **extra,
        }

    @api.model
    def _omni_company(self, target):
        """The company of a stock change on ``target``: its own, or the current one."""
        return target.company_id or self.env.company

    @api.model
    def _omni_costs(self, pairs):
        """``{(product id, company id): cost}`` of ``(product, company)`` pairs: each
        product's cost in that company, read once per company for all its products."""
        product_ids = defaultdict(set)
        for product, company in pairs:
            product_ids[company.id].add(product.id)
        Product = self.env["product.product"]
        return {
            (product.id, company_id): product.standard_price
            for company_id, ids in product_ids.items()
            for product in Product.browse(ids).with_company(company_id)
        }

    @api.model
    def _check_entries(self, entries):
        """Resolve each entry's reason (in place) or refuse; refuse dates on or
        before the lock date. Only the system may change stock without reason."""
        Reason = self.env["omni.stock.adjustment.reason"]
        resolved = {}
        for entry in entries:
            given = entry["reason"]
            if not given and is_system(self.env):
                entry.update(reason=Reason, source="system")
                continue
            key = (given.id if isinstance(given, models.BaseModel) else given, entry["company"])
            if key not in resolved:
                resolved[key] = Reason._omni_resolve(given, entry["company"])
            entry["reason"] = resolved[key]
            entry["reason"]._omni_check_note(entry["note"])
        today = fields.Date.context_today(self)
        dated = {
            (entry["company"], entry["accounting_date"] or today, entry["source"] == "scrap")
            for entry in entries
        }
        for company, date, scrap in dated:
            company._omni_check_lock_date(
                date, self.env._("Scrap") if scrap else self.env._("Inventory adjustment")
            )
        return entries

    @api.model
    def _split_entries(self, entries):
        """(entries to apply at once, entries to send for approval)."""
        keys = defaultdict(set)
        limits = {}  # (reason, company, warehouse): limits, read once
        for entry in entries:
            reason, company = entry["reason"], entry["company"]
            if reason:
                warehouse = entry["location"].warehouse_id
                if (reason, company, warehouse) not in limits:
                    limits[reason, company, warehouse] = reason._omni_limits(company, warehouse)
                entry["limits"] = limits[reason, company, warehouse]
                keys[entry["limits"][2]].add((entry["product"].id, entry["location"].id))
        totals = self.env["omni.stock.adjustment.log"]._omni_running_totals(keys)
        to_apply, to_request = [], []
        for entry in entries:
            if not entry["reason"]:
                to_apply.append(entry)
                continue
            window = entry["limits"][2]
            total = totals[window, entry["product"].id, entry["location"].id] if window else [0, 0]
            quantity = total[0] + abs(entry["delta"])
            value = total[1] + entry["value"]
            if self._needs_approval(entry, quantity, value):
                to_request.append(entry)
            else:
                to_apply.append(entry)
                total[:] = [quantity, value]
        return to_apply, to_request

    @api.model
    def _needs_approval(self, entry, quantity, value):
        """Whether a running total of ``quantity`` (absolute) and ``value``
        exceeds the entry's limits."""
        qty_limit, value_limit, _window = entry["limits"]
        rounding = entry["product"].uom_id.rounding
        currency_rounding = entry["company"].currency_id.rounding
        return bool(
            qty_limit
            and float_compare(quantity, qty_limit, precision_rounding=rounding) > 0
            or value_limit
            and float_compare(value, value_limit, precision_rounding=currency_rounding) > 0
        )
