from odoo.tests import HttpCase, tagged

from .rpc import RpcMixin


@tagged("post_install", "-at_install")
class TestStatusChangeLogOverRpc(RpcMixin, HttpCase):
    """An Omnichannel manager (no administration rights) changing the status of a location
    that holds stock sees, in its chatter, the quantity the change re-labels."""

    def test_manager_status_change_posts_the_stock_it_relabels(self):
        manager = self.rpc_user("status_log_manager", ["omni_stock.group_omni_manager"])
        location = self.env["stock.location"].create({
            "name": "Status Log Shelf", "usage": "internal",
            "location_id": self.env.ref("stock.stock_location_stock").id})
        product = self.env["product.product"].create(
            {"name": "Status Log Tee", "type": "consu", "is_storable": True})
        self.env["stock.quant"]._update_available_quantity(product, location, 7)
        self.rpc(manager, "stock.location", "write", [location.id], {"omni_status": "damaged"})
        self.assertEqual(location.omni_status, "damaged")
        note = location.message_ids.filtered(lambda m: "while the location holds" in (m.body or ""))
        self.assertEqual(note.author_id, manager.partner_id)
        self.assertIn("holds 7.0 units", note.body)
