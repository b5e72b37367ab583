from odoo import Command
from odoo.tests import HttpCase, tagged

from .rpc import RpcMixin


@tagged("post_install", "-at_install")
class TestUserWithoutEmail(RpcMixin, HttpCase):
    """Store staff without an e-mail address (nor one for their company) do their job:
    whatever they do that posts in a chatter, notifies or assigns an activity goes
    through, signed with their name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.partner_id.email = False
        cls.clerk = cls.rpc_user("omni_clerk_no_mail", ["stock.group_stock_user"], email=False)
        cls.manager = cls.rpc_user("omni_manager_no_mail", ["omni_stock.group_omni_manager"],
                                   email=False)
        cls.colleague = cls.rpc_user("omni_colleague", ["stock.group_stock_user"])
        warehouse = cls.env["stock.warehouse"].create(
            {"name": "No Mail Store", "code": "NMS", "company_id": cls.company.id})
        cls.stock = warehouse.lot_stock_id
        cls.product = cls.env["product.product"].create(
            {"name": "No Mail Tee", "is_storable": True, "standard_price": 5.0})
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.stock, 5)
        customers = cls.env.ref("stock.stock_location_customers")
        cls.delivery = cls.env["stock.picking"].create({
            "picking_type_id": warehouse.out_type_id.id, "location_id": cls.stock.id,
            "location_dest_id": customers.id,
            "move_ids": [Command.create({
                "name": "No Mail Tee", "product_id": cls.product.id, "product_uom_qty": 2,
                "location_id": cls.stock.id, "location_dest_id": customers.id})],
        })
        cls.delivery.action_confirm()
        cls.delivery.action_assign()
        cls.delivery.move_ids.picked = True
        cls.delivery._action_done()

    def test_clerk_uses_the_return_button_and_assigns_an_activity(self):
        context = {"active_id": self.delivery.id, "active_ids": self.delivery.ids,
                   "active_model": "stock.picking"}
        wizard_id = self.rpc(self.clerk, "stock.return.picking", "create", {},
                             context=context)
        action = self.rpc(self.clerk, "stock.return.picking", "action_create_returns_all",
                          [wizard_id], context=context)
        returned = self.env["stock.picking"].browse(action["res_id"])
        self.assertEqual(returned.return_id, self.delivery)
        self.assertEqual(returned.move_ids.product_uom_qty, 2)
        origin = returned.message_ids.filtered(lambda m: self.delivery.name in (m.body or ""))
        self.assertEqual(origin.author_id, self.clerk.partner_id)
        self.assertIn("odoobot@example.com", origin.email_from)
        # an activity for a colleague notifies them, from the clerk
        self.rpc(self.clerk, "mail.activity", "create", {
            "res_model_id": self.env["ir.model"]._get_id("stock.picking"),
            "res_id": returned.id, "user_id": self.colleague.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": "Check the returned tee"})
        notified = self.env["mail.message"].search(
            [("model", "=", "stock.picking"), ("res_id", "=", returned.id),
             ("partner_ids", "in", self.colleague.partner_id.ids)])
        self.assertEqual(notified.author_id, self.clerk.partner_id)

    def test_manager_posts_without_any_sender_address(self):
        """No address for the user, the company, the mail server nor OdooBot: the
        message is posted all the same (without a sender address)."""
        self.env.ref("base.partner_root").email = False
        location = self.env["stock.location"].create({
            "name": "No Mail Shelf", "usage": "internal", "location_id": self.stock.id})
        self.env["stock.quant"]._update_available_quantity(self.product, location, 3)
        self.rpc(self.manager, "stock.location", "write", [location.id],
                 {"omni_status": "damaged"})
        self.assertEqual(location.omni_status, "damaged")
        message = location.message_ids.filtered(lambda m: "holds 3" in (m.body or ""))
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertFalse(message.email_from)

    def test_sender_is_the_company_address_when_it_has_one(self):
        self.company.partner_id.email = "shop@maison.example"
        location = self.env["stock.location"].create({
            "name": "Company Mail Shelf", "usage": "internal", "location_id": self.stock.id})
        self.env["stock.quant"]._update_available_quantity(self.product, location, 1)
        self.rpc(self.manager, "stock.location", "write", [location.id],
                 {"omni_status": "quarantine"})
        message = location.message_ids.filtered(lambda m: "holds 1" in (m.body or ""))
        self.assertEqual(message.email_from, '"omni_manager_no_mail" <shop@maison.example>')
