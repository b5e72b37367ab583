from datetime import timedelta

from odoo import Command
from odoo.addons.omni_stock.tests.ats_state_common import AtsStateRandomizedMixin
from odoo.tests import tagged

from .common import ReturnCase

YIELD_WINDOW_PARAM = "omni_stock_return.yield_window_days"


@tagged("post_install", "-at_install")
class TestReturnAtsStateRandomized(AtsStateRandomizedMixin, ReturnCase):
    """The core's seeded run with the returns flow of the first warehouse: orders
    delivered, returns authorized and received into inspection (flagged into quarantine
    when they exceed what is returnable, then accepted, or rejected and sent back),
    graded and disposed by the inspector (resell, refurbish then resell or scrap, vendor
    return, scrap), the learned yields changing with them, with the yield window and
    with the clock."""

    ats_state_batches = 120

    @classmethod
    def _setup_ats_state(cls):
        cls.ats_vendor = cls.env["res.partner"].create({"name": "Rand Vendor"})
        return super()._setup_ats_state()

    @classmethod
    def _prepare_ats_state_product_vals(cls, index):
        vals = super()._prepare_ats_state_product_vals(index)
        if index % 2:  # half of them can go back to their vendor
            vals["seller_ids"] = [Command.create({"partner_id": cls.ats_vendor.id})]
        return vals

    def _ats_state_operations(self):
        return dict(
            super()._ats_state_operations(),
            rma_sale=(6, self._ats_op_rma_sale),
            rma_authorize=(6, self._ats_op_rma_authorize),
            rma_receive=(5, self._ats_op_rma_receive),
            rma_inspect=(6, self._ats_op_rma_inspect),
            rma_refurbished=(2, self._ats_op_rma_refurbished),
            rma_decide=(2, self._ats_op_rma_decide),
            rma_window=(1, self._ats_op_rma_window),
            rma_age=(1, self._ats_op_rma_age),
        )

    def _ats_rma(self, user, states):
        return self.env(user=user)["omni.stock.return"].search(
            [("warehouse_id", "=", self.ats_warehouse.id), ("state", "in", states)])

    def _ats_drawn_rma(self, rng, user, states):
        """One of the first warehouse's returns in ``states`` (as ``user``), drawn;
        ``None`` when there is none."""
        returns = self._ats_rma(user, states)
        return rng.choice(returns) if returns else None

    def _ats_op_rma_sale(self, rng, product):
        """An order of the first warehouse, delivered when its stock is there."""
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id, "warehouse_id": self.ats_warehouse.id,
            "order_line": [Command.create({"product_id": product.id,
                                           "product_uom_qty": rng.randint(1, 3)})],
        })
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        if picking.state != "assigned":
            return False
        picking.move_ids.picked = True
        picking._action_done()
        return True

    def _ats_op_rma_authorize(self, rng, product):
        """Customer service authorizes a return of a delivered line (now and then more
        than is returnable: flagged at receipt); half of them arrive at once."""
        lines = self.env["sale.order.line"].search([
            ("order_id.warehouse_id", "=", self.ats_warehouse.id),
            ("order_id.partner_id", "=", self.customer.id), ("qty_delivered", ">", 0)])
        if not lines:
            return False
        line = rng.choice(lines)
        rma = self.env(user=self.inspector)["omni.stock.return"].create({
            "sale_order_id": line.order_id.id, "sale_line_id": line.id,
            "warehouse_id": self.ats_warehouse.id, "reason_id": self.reason.id,
            "quantity": rng.randint(1, 3),
        })
        rma.action_confirm()
        if rng.random() < 0.5:
            rma.action_receive()
        return True

    def _ats_op_rma_receive(self, rng, product):
        rma = self._ats_drawn_rma(rng, self.inspector, ["expected"])
        if not rma:
            return False
        rma.action_receive()
        return True

    def _ats_op_rma_inspect(self, rng, product):
        """The inspector grades a return and disposes of it: the grade's disposition,
        or another one with a note."""
        rma = self._ats_drawn_rma(rng, self.inspector, ["received"])
        if not rma:
            return False
        grade = self.grades[rng.choice("ABCD")]
        disposition = grade.disposition
        vals = {"grade_id": grade.id, "disposition": disposition}
        if rng.random() < 0.25:
            vals["disposition"] = rng.choice(["resell", "refurbish", "vendor", "scrap"])
            vals["disposition_note"] = "Rand override"
        rma.write(vals)
        rma.action_inspect_and_dispose()
        return True

    def _ats_op_rma_refurbished(self, rng, product):
        rma = self._ats_drawn_rma(rng, self.inspector, ["refurbishing"])
        if not rma:
            return False
        if rng.random() < 0.7:
            rma.action_refurbish_resell()
        else:
            rma.action_refurbish_scrap()
        return True

    def _ats_op_rma_decide(self, rng, product):
        """A returns manager accepts a flagged return, or rejects it and sends it back."""
        flagged = self._ats_rma(self.manager, ["flagged"])
        rejected = self._ats_rma(self.manager, ["rejected"])
        if not (flagged or rejected):
            return False
        if rejected and (not flagged or rng.random() < 0.5):
            rng.choice(rejected).action_send_back()
        elif rng.random() < 0.6:
            rng.choice(flagged).action_accept()
        else:
            rng.choice(flagged).action_reject()
        return True

    def _ats_op_rma_window(self, rng, product):
        self.env["ir.config_parameter"].set_param(
            YIELD_WINDOW_PARAM, str(rng.choice([90, 90, 30, 365])))

    def _ats_op_rma_age(self, rng, product):
        """Weeks go by: inspected returns leave the yield window."""
        self.ats_clock.tick(timedelta(days=rng.randint(7, 40)))
