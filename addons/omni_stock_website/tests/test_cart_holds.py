from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import OmniWebsiteCase


@tagged("post_install", "-at_install")
class TestCartHolds(OmniWebsiteCase):
    """A cart holds its stock in the shop's channel while the shopper shops."""

    def test_add_change_remove(self):
        self._put(self.stock, 6)
        with self._shopper() as shop:
            cart, values = self._add(shop, self.product, 2)
            self.assertEqual((values["quantity"], values["warning"]), (2, ""))
            hold = self._holds(cart)
            self.assertEqual(len(hold), 1)
            self.assertEqual(
                (hold.channel_id, hold.product_id, hold.quantity, hold.origin,
                 hold.sale_order_id),
                (self.channel, self.product, 2, "website", cart))
            self.assertTrue(hold.reference.startswith(f"{cart.name}:"))
            ttl = hold.expires_at - fields.Datetime.now()
            self.assertTrue(timedelta(minutes=19) < ttl <= timedelta(minutes=20))
            self.assertEqual(self._ats(self.channel)["ats"], 4)
            # the shopper sees what he holds as his
            self.assertEqual(shop._get_product_available_qty(self.product.sudo()), 6)
            self._add(shop, self.product, 3)
            self.assertEqual((hold.quantity, hold.state), (5, "active"), "same hold, resized")
            self._add(shop, self.product, set_qty=1)
            self.assertEqual(hold.quantity, 1)
            line = cart.order_line
            # the cart page's trash button
            cart._cart_update(product_id=self.product.id, line_id=line.id, add_qty=None,
                              set_qty=0)
            self.assertFalse(cart.order_line)
            self.assertEqual(hold.state, "released")
        self.assertEqual(self._ats(self.channel)["ats"], 6)

    def test_cart_keeps_what_it_can_and_says_how_many_are_left(self):
        self._put(self.stock, 3)
        with self._shopper() as shop:
            cart, values = self._add(shop, self.product, 5)
            self.assertEqual(values["quantity"], 3)
            self.assertIn("only 3 is available", values["warning"])
            self.assertNotIn("3.0", values["warning"])
            self.assertEqual(cart.order_line.product_uom_qty, 3)
            self.assertEqual(self._holds(cart).quantity, 3)
            _cart, values = self._add(shop, self.product, 1)
            self.assertEqual(values["quantity"], 3, "nothing more to hold")
        with self._shopper(self.customer) as shop:
            other, values = self._add(shop, self.product, 1)
            self.assertEqual(values["quantity"], 0)
            self.assertIn("not available", values["warning"])
            self.assertFalse(other.order_line)
            self.assertFalse(self._holds(other))

    def test_second_shopper_sees_out_of_stock(self):
        self._put(self.stock, 2)
        first = self._cart(2)
        self.assertEqual(self._combination(cart=first)["free_qty"], 2)
        self.assertEqual(self._combination(cart=first)["cart_qty"], 2)
        self.assertEqual(self._combination(user=self.customer)["free_qty"], 0)

    def test_channel_cart_ttl_and_activity_extends(self):
        self._put(self.stock, 4)
        self.channel.website_cart_ttl_minutes = 5
        cart = self._cart(1)
        hold = self._holds(cart)
        self.assertLessEqual(hold.expires_at, fields.Datetime.now() + timedelta(minutes=5))
        # three minutes later the shopper adds one more: the hold lives 5 minutes again
        hold._write_lifecycle({"expires_at": fields.Datetime.now() + timedelta(minutes=2)})
        with self._shopper(cart=cart) as shop:
            self._add(shop, self.product, 1)
        self.assertGreater(hold.expires_at, fields.Datetime.now() + timedelta(minutes=4))
        self.assertEqual(hold.quantity, 2)

    def test_expired_hold_stops_counting_and_comes_back(self):
        self._put(self.stock, 2)
        cart = self._cart(2)
        hold = self._holds(cart)
        self._expire(hold)
        self.assertEqual(self._ats(self.channel)["ats"], 2, "expired: counts for nobody")
        self.env["omni.stock.hold"]._cron_expire()
        self.assertEqual(hold.state, "expired")
        # the shopper comes back to his cart: stock is still there, he holds it again
        with self._shopper(cart=cart) as shop:
            shop.sale_get_order()._omni_refresh_cart()
        renewed = self._holds(cart)
        self.assertEqual((renewed.quantity, renewed.state), (2, "active"))
        self.assertNotEqual(renewed, hold)
        self.assertEqual(cart.order_line.product_uom_qty, 2)

    def test_expired_hold_and_stock_gone(self):
        self._put(self.stock, 3)
        cart = self._cart(3)
        self._expire(self._holds(cart))
        other = self._cart(2, user=self.customer)
        self.assertEqual(self._holds(other).quantity, 2)
        with self._shopper(cart=cart) as shop:
            messages = shop.sale_get_order()._omni_refresh_cart()
        self.assertEqual(len(messages), 1)
        self.assertIn("Only 1", messages[0])
        self.assertEqual(cart.order_line.product_uom_qty, 1)
        self.assertEqual(self._holds(cart).quantity, 1)
        self.assertIn("Only 1", cart.order_line.shop_warning)
        self.assertIn("Only 1", cart.message_ids[0].body)

    def test_cancel_and_delete_release(self):
        self._put(self.stock, 5)
        cart = self._cart(2)
        hold = self._holds(cart)
        cart.sudo()._action_cancel()
        self.assertEqual(hold.state, "released")
        cart = self._cart(3)
        hold = self._holds(cart)
        cart.sudo().unlink()
        self.assertEqual(hold.state, "released")
        self.assertEqual(self._ats(self.channel)["ats"], 5)

    def test_abandoned_cart_merged_into_another_moves_its_holds(self):
        """Odoo's cart page can merge an abandoned cart into the current one by moving
        its lines: the holds follow the lines."""
        self._put(self.stock, 5)
        abandoned = self._cart(2)
        current = self._cart(1, user=self.customer)
        abandoned.order_line.sudo().write({"order_id": current.id})
        self.assertFalse(self._holds(abandoned))
        self.assertEqual(self._holds(current).quantity, 3)

    def test_salesperson_edit_of_a_cart_follows(self):
        self._put(self.stock, 5)
        cart = self._cart(2)
        salesman = self.env["res.users"].create({
            "name": "Omni Web Sales", "login": "omni_web_sales",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman_all_leads").id])],
        })
        cart.order_line.with_user(salesman).product_uom_qty = 4
        self.assertEqual(self._holds(cart).quantity, 4)
        cart.order_line.with_user(salesman).unlink()
        self.assertFalse(self._holds(cart))

    def test_order_names_with_slashes_still_hold(self):
        """Hold references cannot contain "/": a company numbering its orders
        WEB/2026/0042 still gets its carts' holds."""
        belt = self._product("Omni Belt", "OMNI-BELT")
        self._put(self.stock, 1, belt)
        cart = self._cart(1)
        cart.sudo().name = "WEB/2026/0042"
        with self._shopper(cart=cart) as shop:
            self._add(shop, belt, 1)
        hold = self._holds(cart).filtered(lambda h: h.product_id == belt)
        self.assertEqual(hold.quantity, 1)
        self.assertTrue(hold.reference.startswith("WEB-2026-0042:"))
