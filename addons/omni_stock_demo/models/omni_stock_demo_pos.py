"""The demo retailer's tills: a POS per store, Paris selling "at closing" with an open
session that already sold, Lille's till silent for two hours (offline), and a
ship-from-store channel sourcing every store, which therefore stops promising
Lille's stock."""

from datetime import timedelta

from odoo import Command, api, fields, models

from .omni_stock_demo_loader import STORES

CLOSING_STORE = "PAR"  # sells in "at closing" mode: its open session's sales are withheld
OFFLINE_STORE = ("LIL", 120)  # its till has been silent for this many minutes
DEMO_SALE = 2  # units the Paris till sold of the first product it has 3 of


class OmniStockDemoPos(models.AbstractModel):
    """The stores' POS, after the retailer (the loader's helpers)."""

    _name = "omni.stock.demo.pos"
    _inherit = "omni.stock.demo.loader"
    _description = "Omnichannel Demo: Point of Sale"

    @api.model
    def _load_pos(self):
        if self.env.ref("omni_stock_demo.pos_config_par", raise_if_not_found=False):
            return
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        company = self.env.ref("base.main_company")
        self.env["product.template"].search([
            ("categ_id", "child_of", self.env.ref("omni_stock_demo.categ_apparel").id),
        ]).available_in_pos = True
        card = self._load_pos_payment_method(company)
        configs = {}
        for _name, code in STORES:
            store = self.env.ref(f"omni_stock_demo.wh_{code.lower()}")
            config = self.env["pos.config"].create({
                "name": f"{store.name} till",
                "picking_type_id": store.pos_type_id.id,
                "payment_method_ids": [Command.set(card.ids)],
                "company_id": company.id,
            })
            configs[code] = self._xmlid(f"pos_config_{code.lower()}", config)
        self._xmlid("channel_ship_from_store", self.env["omni.channel"].create({
            "name": "Ship from store", "code": "ship-from-store", "channel_type": "web",
            "sequence": 5, "company_id": company.id,
            "warehouse_ids": [Command.set([
                self.env.ref(f"omni_stock_demo.wh_{code.lower()}").id for _n, code in STORES])],
        }))
        self._load_closing_session(company, configs[CLOSING_STORE], card)
        code, minutes = OFFLINE_STORE
        session = self._open_session(configs[code])
        session.write({"omni_last_seen": fields.Datetime.now() - timedelta(minutes=minutes)})

    def _load_pos_payment_method(self, company):
        journal = self.env["account.journal"].search([
            ("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        return self._xmlid("pos_payment_card", self.env["pos.payment.method"].create({
            "name": "Card", "journal_id": journal.id, "company_id": company.id,
        }))

    def _open_session(self, config):
        # Odoo refuses to open a session as the superuser: the administrator does
        config = config.with_user(self.env.ref("base.user_admin"))
        config.open_ui()
        session = config.current_session_id
        session.set_opening_control(0, None)
        return session

    def _load_closing_session(self, company, config, card):
        mode = company.point_of_sale_update_stock_quantities
        company.point_of_sale_update_stock_quantities = "closing"
        session = self._open_session(config)
        company.point_of_sale_update_stock_quantities = mode
        quant = self.env["stock.quant"].search([
            ("location_id", "=", config.picking_type_id.default_location_src_id.id),
            ("quantity", ">=", 3), ("product_id.available_in_pos", "=", True),
        ], order="product_id", limit=1)
        self._sell(session, card, quant.product_id, DEMO_SALE)
        session.omni_heartbeat(0)

    def _sell(self, session, card, product, quantity):
        price = product.lst_price
        taxes = product.taxes_id.filtered(lambda t: t.company_id == session.company_id)
        total = taxes.compute_all(price, session.currency_id, quantity, product)
        self.env["pos.order"].sync_from_ui([{
            "session_id": session.id,
            "name": "Demo sale",
            "uuid": f"omni-demo-{session.id}",
            "sequence_number": 1,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "pricelist_id": session.config_id.pricelist_id.id,
            "fiscal_position_id": False,
            "partner_id": False,
            "user_id": self.env.uid,
            "to_invoice": False,
            "amount_paid": total["total_included"],
            "amount_total": total["total_included"],
            "amount_tax": total["total_included"] - total["total_excluded"],
            "amount_return": 0,
            "last_order_preparation_change": "{}",
            "lines": [Command.create({
                "product_id": product.id, "qty": quantity, "price_unit": price,
                "price_subtotal": total["total_excluded"],
                "price_subtotal_incl": total["total_included"],
                "tax_ids": [Command.set(taxes.ids)], "pack_lot_ids": [],
            })],
            "payment_ids": [Command.create({
                "amount": total["total_included"], "payment_method_id": card.id,
                "name": fields.Datetime.now()})],
        }])
