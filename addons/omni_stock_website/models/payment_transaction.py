from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        """A payment that arrives after the cart lost its stock follows the channel's
        oversell policy: *backorder* confirms with a note (``omni_stock_sale``), *block*
        leaves the order unconfirmed and says why (never a silent oversell)."""
        held_back = self.browse()
        for tx in self:
            orders = tx.sale_order_ids.filtered(
                lambda so: so.state in ("draft", "sent") and so.website_id.omni_channel_id
                and so.omni_channel_id)
            if len(tx.sale_order_ids) == 1 and orders \
                    and orders._is_confirmation_amount_reached() \
                    and orders._omni_paid_but_short():
                held_back |= tx
        return super(PaymentTransaction, self - held_back)._check_amount_and_confirm_order()
