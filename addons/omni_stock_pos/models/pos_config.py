"""The store's sales channel on a POS, and the figures its screens read.

Cashiers have no Omnichannel rights: every figure is computed here, under
``sudo``, after checking that the caller may read the POS and works in its
company; only channels of that company are ever read.
"""

import uuid

from odoo import api, fields, models
from odoo.addons.omni_stock.exceptions import OmniError
from odoo.addons.omni_stock.tools import validate
from odoo.exceptions import AccessError, UserError

from ..tools import wording
from .omni_ats import pos_till
from .omni_pos_wording import BUCKETS

MAX_HOLD_HOURS = 7 * 24


class PosConfig(models.Model):
    _inherit = "pos.config"

    omni_channel_id = fields.Many2one(
        "omni.channel", string="Sales Channel", check_company=True,
        compute="_compute_omni_channel_id", store=True, readonly=False,
        domain="[('company_id', '=', company_id)]",
        help="The store's channel: its ATS is the one the cashier sees and sells. "
        "Default: the store channel whose source is this POS's warehouse.",
    )
    omni_warehouse_id = fields.Many2one(
        "stock.warehouse", string="Store Warehouse",
        related="picking_type_id.warehouse_id")

    @api.depends("picking_type_id.warehouse_id")
    def _compute_omni_channel_id(self):
        for config in self:
            if config.omni_channel_id and config.omni_warehouse_id in (
                    config.omni_channel_id.warehouse_ids):
                continue
            config.omni_channel_id = config._omni_default_channel()

    def _omni_default_channel(self):
        self.ensure_one()
        warehouse = self.picking_type_id.warehouse_id
        if not warehouse:
            return self.env["omni.channel"]
        # earned: a compute: the POS company's channels, returned without sudo
        channels = self.env["omni.channel"].sudo().search([
            ("company_id", "=", self.company_id.id or self.env.company.id),
            ("warehouse_ids", "in", warehouse.ids),
        ])
        # the store channel of exactly this warehouse first
        channels = channels.sorted(lambda c: (
            c.channel_type != "store", len(c.warehouse_ids) != 1, c.sequence, c.id))
        return channels[:1].sudo(False)

    # ------------------------------------------------------------------ access

    def _omni_check_access(self):
        """The caller may use this POS: one existing POS, read access and its company
        allowed.

        :return: the config under ``sudo`` in its company, for the engine.
        """
        validate.one(self, self.env._("point of sale"))
        self.check_access("read")
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("You cannot use the point of sale %s.", self.name))
        return self.sudo().with_company(self.company_id)

    def _omni_as_till(self):
        """``with config._omni_as_till(): ...``: this POS computing, so its own store's
        stock is never withheld as offline (a server marker, not a context key)."""
        self.ensure_one()
        return pos_till(self.omni_channel_id.id)

    # ------------------------------------------------------------------ figures

    def _omni_stock_products(self, product_ids):
        """Storable products of ``product_ids`` this POS's company may sell."""
        product_ids = validate.ids(self.env, product_ids, self.env._("Products"))
        # earned: _omni_check_access() in the public methods; products of the POS's company
        return self.env["product.product"].sudo().search([
            ("id", "in", product_ids), ("is_storable", "=", True),
            ("company_id", "in", [False, self.company_id.id]),
        ])

    def omni_stock_badges(self, product_ids):
        """``{product_id: ATS}`` of the store channel for the POS's products, in one
        engine call (lean figures); services and consumables are left out."""
        config = self._omni_check_access()
        badges = config._omni_badges(product_ids)
        # what this POS shows from now on: the live updates send it what differs
        self.env["omni.pos.stock.notify"].sudo()._remember(config, badges)
        return badges

    def _omni_badges(self, product_ids):
        self.ensure_one()
        channel = self.omni_channel_id
        products = self._omni_stock_products(product_ids)
        if not channel or not products:
            return {}
        with self._omni_as_till():
            figures = self.env["omni.ats"].compute(products, channel=channel, detail=False)
        return {pid: values["ats"] for pid, values in figures.items()}

    def _omni_network_nodes(self):
        """``[(warehouse, channel, km or None)]``: every other warehouse of the company with the
        channel it sells from (its store channel first), nearest first when both
        warehouses have coordinates, then by name."""
        self.ensure_one()
        own = self.omni_warehouse_id
        channels = self.env["omni.channel"].search([
            ("company_id", "=", self.company_id.id), ("warehouse_ids", "!=", False)])
        nodes = []
        for warehouse in self.env["stock.warehouse"].search(
                [("company_id", "=", self.company_id.id), ("id", "!=", own.id)]):
            candidates = channels.filtered(lambda c, w=warehouse: w in c.warehouse_ids)
            if not candidates:
                continue
            channel = candidates.sorted(lambda c: (
                c.channel_type != "store", len(c.warehouse_ids) != 1, c.sequence, c.id))[0]
            nodes.append((warehouse, channel, own and own._omni_distance_km(warehouse)))
        nodes.sort(key=lambda n: (n[2] is None, n[2] or 0.0, n[0].name))
        return nodes

    def omni_product_stock(self, product_id):
        """What the product popup shows of one product (a variant the cashier picks in
        the popup's list): see :meth:`_omni_product_stock`."""
        config = self._omni_check_access()
        product_id = validate.record_id(self.env, product_id, self.env._("The product"))
        return config._omni_product_stock(config.env["product.product"].browse(product_id))

    def _omni_product_stock(self, product):
        """What the product popup shows, in the cashier's words: the store's figures
        of this variant (named) by what the cashier sees in the store, the network's
        figures (one per other warehouse) with the reason of each 0, and the other
        variants of its template with their store figures."""
        self.ensure_one()
        product = self._omni_stock_products(product.ids)
        if not product or not self.omni_channel_id:
            return False
        Words = self.env["omni.pos.wording"]
        channel = self.omni_channel_id
        store = self._omni_detailed(product, channel, till=True)[product.id]
        name = Words.product_name(product)
        available_at = Words.available_at(store["ats"], product, self.omni_warehouse_id.name)
        return {
            "product_id": product.id,
            "product": name,
            "channel_id": channel.id,
            "channel": channel.name,
            "warehouse": self.omni_warehouse_id.name,
            "uom": product.uom_id.name,
            "ats": store["ats"],
            "ats_text": Words.available(store["ats"], product),
            "available_at": available_at,
            "headline": self.env._("%(product)s: %(available)s", product=name,
                                   available=available_at),
            "reason": Words.reason_labels().get(store["reason"], ""),
            "statuses": {key: store[key] for key in (
                "on_hand", "sellable", "reserved", "withheld", "unpickable", "damaged",
                "quarantine", "inspection", "in_transit", "incoming")},
            "buckets": self._omni_buckets(product, store),
            "network": self._omni_network(product),
            "variants": self._omni_variants(product),
        }

    def _omni_detailed(self, products, channel, till=False, figures=None):
        """Detailed figures of ``products`` in ``channel``, each with the reason of a
        0 (``reason``, a key of ``tools.wording.REASONS``) and its withheld stock by
        kind (``withheld_by_kind``). ``till``: as this POS computes (its own store is
        never withheld as offline); else as any other caller. ``figures``: lean figures
        already read: only the products at 0 are read again in detail."""
        self.ensure_one()
        Ats = self.env["omni.ats"]
        # the till's own store is never withheld as offline (a server marker); any
        # other caller's figures are computed outside the marker
        with pos_till(self.omni_channel_id.id if till else None):
            if figures is None:
                figures = Ats.compute(products, channel=channel)
            zero = products.filtered(lambda p: figures[p.id]["ats"] <= 0)
            if zero and "sellable" not in figures[zero[0].id]:
                figures = {**figures, **Ats.compute(zero, channel=channel)}
            withheld = products.filtered(lambda p: figures[p.id]["withheld"] > 0)
            kinds = Ats._pos_withheld_by_kind(withheld, channel) if withheld else {}
        result = {}
        for product in products:
            values = dict(figures[product.id], withheld_by_kind=kinds.get(product.id, {}))
            values["reason"] = wording.zero_reason(values, values["withheld_by_kind"])
            result[product.id] = values
        return result

    def _omni_buckets(self, product, figures):
        """The store's figures the cashier reads: ``[{key, label, quantity, text}]``,
        in the order of ``BUCKETS``, those above 0 only."""
        Words = self.env["omni.pos.wording"]
        quantities = {
            "sellable": figures["sellable"],
            "reserved": max(figures["reserved"] - figures["holds"], 0.0) + figures["demand"],
            "held": figures["holds"],
            **wording.split_withheld(figures["withheld"], figures["withheld_by_kind"]),
            **{key: figures[key] for key in (
                "unpickable", "damaged", "quarantine", "inspection", "in_transit",
                "incoming")},
        }
        labels = Words.bucket_labels()
        return [
            {"key": key, "label": labels[key], "quantity": quantities[key],
             "text": Words.units(quantities[key], product)}
            for key in BUCKETS if quantities.get(key, 0.0) > 0
        ]

    def _omni_network(self, product):
        """Every other warehouse's available-to-sell (each from its own channel, as
        any other caller), nearest first, with the reason of each 0."""
        self.ensure_one()
        Words = self.env["omni.pos.wording"]
        reasons = Words.reason_labels()
        Ats = self.env["omni.ats"]
        network = []
        for warehouse, channel, distance in self._omni_network_nodes():
            # every other node as any other caller sees it (offline stores withheld)
            with pos_till(None):
                figures = Ats.compute(product, channel=channel, detail=False)
            node = self._omni_detailed(product, channel, figures=figures)[product.id]
            network.append({
                "warehouse_id": warehouse.id,
                "warehouse": warehouse.name,
                "channel_id": channel.id,
                "channel": channel.name,
                "ats": node["ats"],
                "text": Words.available(node["ats"], product),
                "reason": reasons.get(node["reason"], ""),
                "distance_km": round(distance, 1) if distance is not None else False,
            })
        return network

    def _omni_variants(self, product):
        """The variants of ``product``'s template this POS sells, with their store
        figures: ``[]`` for a product without variants."""
        self.ensure_one()
        variants = self._omni_stock_products(product.product_tmpl_id.product_variant_ids.ids)
        variants = variants.filtered("available_in_pos")
        if len(variants) < 2:
            return []
        Words = self.env["omni.pos.wording"]
        reasons = Words.reason_labels()
        with self._omni_as_till():
            figures = self.env["omni.ats"].compute(
                variants, channel=self.omni_channel_id, detail=False)
        figures = self._omni_detailed(variants, self.omni_channel_id, till=True,
                                      figures=figures)
        return [{
            "product_id": variant.id,
            "name": Words.product_name(variant),
            "ats": figures[variant.id]["ats"],
            "text": Words.available(figures[variant.id]["ats"], variant),
            "reason": reasons.get(figures[variant.id]["reason"], ""),
        } for variant in variants.sorted(lambda v: (
            [(ptav.attribute_line_id.id, ptav.product_attribute_value_id.sequence, ptav.id)
             for ptav in v.product_template_attribute_value_ids], v.id))]

    # ------------------------------------------------------------------ customer holds

    def omni_hold_for_customer(self, product_id, quantity, customer, hours=24,
                               partner_id=False):
        """Hold ``quantity`` of a product at this store for a customer.

        :param customer: the customer's name or phone (free text), or empty with
            ``partner_id``.
        :param hours: the hold expires after this many hours (at most a week).
        :return: ``{"reference", "expires_at", "ats"}``: the store's ATS after it.
        """
        config = self._omni_check_access()
        product_id = validate.record_id(self.env, product_id, self.env._("The product"))
        partner = config.env["res.partner"]
        if partner_id:
            partner = partner.browse(validate.record_id(
                self.env, partner_id, self.env._("The customer")))
            if not partner.exists() or (
                    partner.company_id and partner.company_id != config.company_id):
                raise UserError(self.env._("Unknown customer."))
        customer = validate.text(self.env, customer, self.env._("The customer's name or phone"),
                                 max_length=128, required=not partner)
        hours = validate.number(self.env, hours, self.env._("The hold's duration (hours)"),
                                minimum=0, maximum=MAX_HOLD_HOURS, strict_minimum=True,
                                code="invalid_payload")
        quantity = validate.quantity(self.env, quantity)
        product = config._omni_stock_products([product_id])
        if not product or not config.omni_channel_id:
            raise UserError(self.env._("This product cannot be held at this store."))
        Hold = config.env["omni.stock.hold"]
        # an OmniError (a UserError) explains a refusal: not enough stock, bad quantity
        try:
            with config._omni_as_till():
                hold, _created = Hold.reserve(
                    config.omni_channel_id, product, quantity,
                    f"POS-{config.id}-{uuid.uuid4().hex[:12]}", ttl_seconds=int(hours * 3600),
                    warehouse=config.omni_warehouse_id, origin="pos",
                    extra_vals=config._prepare_omni_hold_vals(customer, partner))
        except OmniError as error:
            if error.code != "insufficient_stock":
                raise
            # the same refusal in the cashier's words ("Only 19 available", not "19.0")
            Words = self.env["omni.pos.wording"]
            raise UserError(self.env._(
                "Only %(available)s, %(requested)s requested.",
                available=Words.available_at(
                    error.extra.get("available", 0.0), product, config.omni_warehouse_id.name),
                requested=Words.units(quantity, product))) from None
        return {
            "reference": hold.reference,
            "expires_at": fields.Datetime.to_string(hold.expires_at),
            "ats": config._omni_badges(product.ids).get(product.id, 0.0),
        }

    def _prepare_omni_hold_vals(self, customer, partner):
        self.ensure_one()
        return {
            "pos_config_id": self.id,
            "pos_customer": customer or partner.display_name,
            "partner_id": partner.commercial_partner_id.id or False,
        }
