from unittest.mock import patch

from odoo import Command
from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OmniWebsiteCase


@tagged("post_install", "-at_install")
class TestCheckout(OmniWebsiteCase):
    """Paying: holds renewed first, consumed with the confirmation, no silent oversell."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.carrier = cls.env["delivery.carrier"].create({
            "name": "Omni Courier", "delivery_type": "fixed", "fixed_price": 0.0,
            "is_published": True, "website_id": cls.website.id,
            "product_id": cls.env["product.product"].create(
                {"name": "Omni Courier", "type": "service"}).id,
        })
        cls.provider = cls.env.ref("payment.payment_provider_transfer")
        cls.provider.write({"state": "enabled", "is_published": True})

    def _checkout_cart(self, quantity, user=None):
        cart = self._cart(quantity, user=user or self.customer)
        cart.sudo().write({"partner_id": self.customer.partner_id.id,
                           "carrier_id": self.carrier.id})
        return cart

    def _pay(self, cart, post_process=False):
        """The payment provider reports the payment done; Odoo's post-processing then
        confirms the order (the step under test: ``_check_amount_and_confirm_order``, or
        with ``post_process`` all of it as after a payment with the *Demo* provider:
        confirmation e-mail and the payment's journal entry included)."""
        provider = self.provider
        if post_process:
            provider = self.env.ref("payment.payment_provider_demo", raise_if_not_found=False)
            if not provider or provider.state == "disabled":
                self.skipTest("the Demo payment provider (payment_demo) is not installed")
        tx = self.env["payment.transaction"].sudo().create({
            "provider_id": provider.id,
            "payment_method_id": provider.payment_method_ids[:1].id,
            "amount": cart.amount_total, "currency_id": cart.currency_id.id,
            "partner_id": cart.partner_id.id, "reference": f"{cart.name}-tx",
            "sale_order_ids": [Command.set(cart.ids)],
        })
        tx._set_done()
        if post_process:
            tx._post_process()
        else:
            tx._check_amount_and_confirm_order()
        return tx

    def test_paid_order_confirmed_when_its_pdf_cannot_be_rendered(self):
        """A server without wkhtmltopdf cannot print the order attached to the
        confirmation e-mail: the paid order is confirmed all the same."""
        self._put(self.stock, 2)
        cart = self._checkout_cart(1)
        hold = self._holds(cart)
        no_pdf = UserError("Unable to find Wkhtmltopdf on this system. The PDF can not be "
                           "created.")
        with patch.object(IrActionsReport, "_render_qweb_pdf", side_effect=no_pdf) as render:
            self._pay(cart, post_process=True)
        self.assertTrue(render.called, "the confirmation e-mail asked for the PDF")
        self.assertEqual(cart.state, "sale")
        self.assertEqual(hold.state, "confirmed", "the holds went with the confirmation")
        self.assertEqual(cart.picking_ids.move_ids.product_uom_qty, 1)
        note = cart.message_ids.filtered(lambda m: "wkhtmltopdf" in (m.body or ""))
        self.assertIn("It was sent without the PDF", note.body)
        mail = cart.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.customer.partner_id
            in m.partner_ids)
        self.assertTrue(mail, "the customer got the confirmation e-mail, without the PDF")
        self.assertFalse(mail.attachment_ids)

    def test_paid_order_of_a_customer_without_email(self):
        self._put(self.stock, 2)
        self.customer.partner_id.email = False
        cart = self._checkout_cart(1)
        self._pay(cart, post_process=True)
        self.assertEqual(cart.state, "sale")

    def test_ready_to_pay_renews_expired_holds(self):
        self._put(self.stock, 2)
        cart = self._checkout_cart(2)
        self._expire(self._holds(cart))
        cart._check_cart_is_ready_to_be_paid()
        self.assertEqual(self._holds(cart).quantity, 2, "held again for the payment")

    def test_ready_to_pay_refuses_stock_gone(self):
        self._put(self.stock, 2)
        cart = self._checkout_cart(2)
        self._expire(self._holds(cart))
        self._cart(1)  # a visitor takes one meanwhile
        with self.assertRaisesRegex(
                ValidationError, "Only 1 Omni Tee left: your cart now holds 1 instead of 2"):
            cart._check_cart_is_ready_to_be_paid()

    def test_confirmation_consumes_the_cart_holds(self):
        self._put(self.stock, 3)
        cart = self._checkout_cart(2)
        hold = self._holds(cart)
        self._pay(cart)
        self.assertEqual(cart.state, "sale")
        self.assertEqual(hold.state, "confirmed")
        figures = self._ats(self.channel)
        self.assertEqual((figures["ats"], figures["holds"], figures["reserved"]), (1, 0, 2),
                         "the delivery reserves what the hold held")

    def test_paid_after_stock_went_block(self):
        self._put(self.stock, 2)
        cart = self._checkout_cart(2)
        self._expire(self._holds(cart))
        self._cart(1)
        self._pay(cart)
        self.assertEqual(cart.state, "draft", "not confirmed: the channel blocks")
        self.assertIn("no longer available", cart.omni_shop_issue)
        self.assertIn("Paid but not confirmed", cart.message_ids[0].body)
        self.assertTrue(cart.activity_ids)
        self.assertEqual(self._ats(self.channel)["ats"], 1, "nothing oversold")

    def test_paid_after_stock_went_backorder(self):
        self._put(self.stock, 2)
        self.channel.oversell_policy = "backorder"
        cart = self._checkout_cart(2)
        self._expire(self._holds(cart))
        self._cart(1)
        self._pay(cart)
        self.assertEqual(cart.state, "sale")
        self.assertFalse(cart.omni_shop_issue)
        self.assertTrue(any("backorder" in body for body in cart.message_ids.mapped("body")))

    def test_holds_beyond_stock_the_oldest_cart_pays(self):
        """Two carts hold one unit each, then a unit breaks: the cart that held first may
        pay, the other is told before paying."""
        self._put(self.stock, 2)
        first = self._checkout_cart(1)
        second = self._checkout_cart(1, user=self.public_user)
        self._put(self.stock, -1)
        with self.assertRaisesRegex(ValidationError, "no longer available"):
            second._check_cart_is_ready_to_be_paid()
        first._check_cart_is_ready_to_be_paid()
        # back on his cart page, the second shopper finds it emptied, and why
        messages = second._omni_refresh_cart()
        self.assertIn("no longer available", messages[0])
        self.assertFalse(second.order_line.filtered("is_storable"))
        self.assertFalse(self._holds(second))
        self._pay(first)
        self.assertEqual(first.state, "sale")
