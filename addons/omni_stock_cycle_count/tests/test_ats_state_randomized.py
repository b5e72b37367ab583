from odoo.addons.omni_stock.tests.ats_state_common import AtsStateRandomizedMixin
from odoo.tests import tagged

from .common import CycleCountCase


@tagged("post_install", "-at_install")
class TestCycleCountAtsStateRandomized(AtsStateRandomizedMixin, CycleCountCase):
    """The core's seeded run with the counting flows of the first warehouse: count tasks
    counted with differences and applied (within tolerance, after a blind recount, or
    through an approval), picks reported short and settled by their urgent count, the
    measured accuracy gating the channels."""

    ats_state_batches = 120

    @classmethod
    def _setup_ats_state(cls):
        # a difference above 4 units waits for an approver
        cls.company.omni_adj_threshold_qty = 4
        cls.ats_counters = cls.counter | cls.counter2
        return super()._setup_ats_state()

    def _ats_count_locations(self):
        return self.ats_shelf | self.ats_back | self.ats_stock

    @classmethod
    def _prepare_ats_state_location_vals(cls, name, parent):
        return dict(super()._prepare_ats_state_location_vals(name, parent),
                    barcode=name.upper().replace(" ", "-"))

    @classmethod
    def _prepare_ats_state_product_vals(cls, index):
        return dict(super()._prepare_ats_state_product_vals(index),
                    barcode=f"RANDTEE{index}", standard_price=10.0)

    def _ats_state_operations(self):
        return dict(
            super()._ats_state_operations(),
            cc_count=(6, self._ats_op_cc_count),
            cc_recount=(3, self._ats_op_cc_recount),
            cc_short=(5, self._ats_op_cc_short),
            cc_settle=(4, self._ats_op_cc_settle),
            cc_approve=(2, self._ats_op_cc_approve),
            cc_gate=(1, self._ats_op_cc_gate),
        )

    def _ats_count(self, rng, task, user, noise):
        """``user`` counts the task's products (on hand, give or take ``noise``) and
        submits."""
        counts = {}
        for line in task.sudo().line_ids:
            onhand = self.qty(line.product_id, task.location_id)
            counts[line.product_id] = max(0, onhand + rng.choice(noise))
        self.count(task, user, {product: qty for product, qty in counts.items() if qty})

    def _ats_counter(self, rng, task):
        """A counter who may count ``task`` (not a first counter of its recount)."""
        excluded = task.sudo().line_ids.excluded_user_ids
        return rng.choice(self.ats_counters - excluded) if self.ats_counters - excluded \
            else None

    def _ats_op_cc_count(self, rng, product):
        location = rng.choice(self._ats_count_locations())
        products = product | rng.choice(self.ats_products)
        task = self.task(products, location)
        self._ats_count(rng, task, rng.choice(self.ats_counters), [0, 0, 0, -1, 1, -3, 5])

    def _ats_op_cc_recount(self, rng, product):
        tasks = self.Task.search([("state", "=", "recount"),
                                  ("location_id", "in", self._ats_count_locations().ids)])
        if not tasks:
            return False
        task = rng.choice(tasks)
        user = self._ats_counter(rng, task)
        if not user:
            return False
        self._ats_count(rng, task, user, [0, 0, -1, 2])
        return True

    def _ats_op_cc_short(self, rng, product):
        """A picker finds less than expected on a location."""
        location = rng.choice(self._ats_count_locations())
        self.env["omni.stock.pick.short"].with_user(rng.choice(self.ats_counters))._omni_report(
            product, location, rng.randint(1, 3))

    def _ats_op_cc_settle(self, rng, product):
        """The urgent count of a pick short: the missing units are really missing, or
        were found."""
        shorts = self.env["omni.stock.pick.short"].search([
            ("state", "=", "open"), ("location_id", "in", self._ats_count_locations().ids),
            ("task_id.state", "in", ["open", "recount"])])
        if not shorts:
            return False
        task = rng.choice(shorts).task_id
        user = self._ats_counter(rng, task)
        if not user:
            return False
        self._ats_count(rng, task, user, [0, -1, -2, -3])
        return True

    def _ats_op_cc_approve(self, rng, product):
        requests = self.env["omni.stock.adjustment.request"].search(
            [("state", "=", "to_approve")])
        if not requests:
            return False
        request = rng.choice(requests).with_user(self.approver)
        if rng.random() < 0.7:
            request.action_approve()
        else:
            request.action_reject()
        return True

    def _ats_op_cc_gate(self, rng, product):
        """A channel trusts only locations measured at least this accurate."""
        rng.choice(self.ats_channels).min_location_accuracy = rng.choice([0, 0, 60, 80, 95])
