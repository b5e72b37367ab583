from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "omni_tour")
class TestConsignmentTour(HttpCase):
    """An Omnichannel manager records a vendor's agreement from the menu."""

    def test_manager_creates_an_agreement(self):
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        warehouse = env["stock.warehouse"].create({"name": "Tour Consign WH", "code": "TCS"})
        store = env["omni.channel"].create({
            "name": "Tour Store", "code": "tour-store", "channel_type": "store",
            "warehouse_ids": [Command.set(warehouse.ids)]})
        vendor = env["res.partner"].create({"name": "Atelier Tour"})
        new_test_user(env, "consign_tour_manager", groups="omni_stock.group_omni_manager",
                      company_id=env.company.id, company_ids=[Command.set(env.company.ids)])
        # the first backend page after an install compiles the web client's assets:
        # done here, before the browser's clock starts
        QWeb = env["ir.qweb"]
        for bundle in ("web.assets_web", "web.assets_tests"):
            assets = QWeb._get_asset_bundle(bundle)
            assets.js()
            assets.css()
        self.start_tour(
            "/odoo/action-omni_stock_consignment.action_omni_consign_agreement",
            "omni_stock_consignment_agreement", login="consign_tour_manager", timeout=300)
        agreement = env["omni.stock.consignment.agreement"].search(
            [("partner_id", "=", vendor.id)])
        self.assertEqual((agreement.channel_ids, agreement.price_mode, agreement.share_percent),
                         (store, "share", 45.0))
