from odoo.tests import HttpCase, tagged

from .common import ReturnCase


@tagged("post_install", "-at_install", "omni_tour")
class TestInspectTour(HttpCase, ReturnCase):
    def test_phone_inspection(self):
        self.inspector.write({"password": "rma_inspector"})
        rma = self._received(1)
        rma.sudo()._write({"name": "RMA-TOUR-1"})
        self.env.flush_all()
        self.start_tour("/odoo/action-omni_stock_return.omni_stock_return_inspect_action",
                        "omni_stock_return_inspect", login="rma_inspector")
        self.env.invalidate_all()
        self.assertEqual(rma.state, "disposed")
        self.assertEqual(rma.grade_id, self.grades["B"])
        self.assertEqual(rma.disposition, "resell")
        self.assertEqual(rma.inspector_id, self.inspector)
        self.assertEqual(self.qty(self.stock), 8)

    def test_inspector_journey_from_the_menu(self):
        """As a user with only the Inventory User right (what an inspector needs):
        from the home screen to a disposed return whose unit is sellable again,
        through the disposition's door (an ordinary transfer of it is refused)."""
        rma = self._received(1)
        rma.sudo()._write({"name": "RMA-JOURNEY-1"})
        self.assertEqual(self.inspector.groups_id.filtered(
            lambda g: g.category_id.name in ("Inventory", "Omnichannel Stock")).mapped(
            "full_name"), ["Inventory / User"])
        self.inspector.write({"password": "rma_inspector"})
        ats = self._ats(self.channel)["ats"]
        self.env.flush_all()
        self.start_tour("/odoo", "omni_stock_return_inspector_journey",
                        login="rma_inspector")
        self.env.invalidate_all()
        self.assertEqual((rma.state, rma.grade_id, rma.disposition, rma.inspector_id),
                         ("disposed", self.grades["A"], "resell", self.inspector))
        self.assertEqual((self.qty(self.inspection), self.qty(self.stock)), (0, 8))
        self.assertEqual(rma.transfer_ids.location_dest_id, self.stock)
        self.assertEqual(self._ats(self.channel)["ats"], ats + 1)


@tagged("post_install", "-at_install", "omni_tour")
class TestReturnsOnAPhone(HttpCase, ReturnCase):
    """On a phone, the returns list is a column of cards (no truncated table)."""

    browser_size = "375x667"
    touch_enabled = True

    def test_returns_are_cards_on_a_phone(self):
        self.inspector.write({"password": "rma_inspector"})
        rma = self._received(1)
        rma.sudo()._write({"name": "RMA-CARD-1"})
        self.env.flush_all()
        self.start_tour("/odoo/action-omni_stock_return.omni_stock_return_action",
                        "omni_stock_return_cards_on_phone", login="rma_inspector")
