from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from ..tools.guard import status_doors
from .common import OmniStockCase
from .rpc import RpcError, RpcMixin


@tagged("post_install", "-at_install")
class TestStatusDoors(RpcMixin, HttpCase, OmniStockCase):
    """Stock leaves a status only through the door of its transition, for every
    caller: a plain Inventory User over JSON-RPC and XML-RPC, the ORM, server code."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.damaged = cls.locations["damaged"]
        cls.clerk = cls.rpc_user("omni_door_clerk", ["stock.group_stock_user"])
        cls.manager = cls.rpc_user("omni_door_manager", ["omni_stock.group_omni_manager"])
        cls.reader = cls.rpc_user("omni_door_reader", ["omni_stock.group_omni_user"])
        cls.transit = cls.env["stock.location"].create({
            "name": "Door Transit", "usage": "transit", "company_id": cls.company.id,
            "location_id": cls.env.ref("stock.stock_location_locations").id})

    def _transfer_vals(self, source, dest, qty=1):
        return {
            "picking_type_id": self.warehouse.int_type_id.id,
            "location_id": source.id, "location_dest_id": dest.id,
            "move_ids": [(0, 0, {
                "name": "door test", "product_id": self.product.id, "product_uom_qty": qty,
                "location_id": source.id, "location_dest_id": dest.id})],
        }

    def _validate_over(self, call, user, source, dest, qty=1):
        """Create, confirm and validate a transfer as ``user`` through ``call``."""
        picking_id = call(user, "stock.picking", "create", self._transfer_vals(source, dest, qty))
        call(user, "stock.picking", "action_confirm", [picking_id])
        call(user, "stock.picking", "action_assign", [picking_id])
        move_ids = self.env["stock.picking"].browse(picking_id).move_ids.ids
        call(user, "stock.move", "write", move_ids, {"quantity": qty, "picked": True})
        call(user, "stock.picking", "button_validate", [picking_id])
        return self.env["stock.picking"].browse(picking_id)

    def test_damaged_to_sellable_refused_over_rpc(self):
        self._put(self.damaged, 3)
        ats = self._ats(self.channel)["ats"]
        for call in (self.rpc, self.xmlrpc):
            with self.subTest(call=call.__name__), self.assertRaises(RpcError) as caught:
                self._validate_over(call, self.clerk, self.damaged, self.stock)
            self.assertIn("request a reason-coded release", caught.exception.message)
            self.assertIn("Damaged", caught.exception.message)
        self.assertEqual(self._ats(self.channel)["ats"], ats)
        self.assertEqual(self._ats(self.channel)["damaged"], 3)

    def test_sellable_to_damaged_is_free(self):
        self._put(self.stock, 3)
        picking = self._validate_over(self.rpc, self.clerk, self.stock, self.damaged, 2)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self._ats(self.channel)["damaged"], 2)

    def test_the_line_decides_not_its_move(self):
        """A line sent elsewhere than its move is checked where it really goes."""
        self._put(self.damaged, 2)
        self._put(self.locations["unpickable"], 2)
        move = self._move(self.locations["unpickable"], self.stock, 1)
        move._action_assign()
        move.move_line_ids.location_id = self.damaged
        move.move_line_ids.quantity = 1
        move.picked = True
        with self.assertRaisesRegex(UserError, "Damaged"):
            move.with_user(self.clerk)._action_done()
        self.assertEqual(self._ats(self.channel)["damaged"], 2)

    def test_no_free_detour_through_transit(self):
        self._put(self.damaged, 2)
        with self.assertRaisesRegex(UserError, "request a reason-coded release"):
            move = self._move(self.damaged, self.transit, 1)
            move._action_assign()
            move.picked = True
            move.with_user(self.clerk)._action_done()

    def test_customer_goods_never_straight_to_sellable_or_transit(self):
        """The customer row of the matrix, as the move layer checks each line being
        done (with the returns addon, a receipt from a customer is first routed by
        its return's checks: see omni_stock_return's tests of every door)."""
        for dest in (self.stock, self.transit, self.locations["unpickable"]):
            move = self._move(self.customer_loc, dest, 1)
            move.quantity = 1
            move.move_line_ids.location_dest_id = dest
            with self.subTest(dest=dest.name), \
                    self.assertRaisesRegex(UserError, "comes back from a customer"):
                move.move_line_ids.with_user(self.clerk)._omni_check_status_doors()
        move = self._move(self.customer_loc, self.locations["inspection"], 1)
        move.quantity = 1
        move.move_line_ids.location_dest_id = self.locations["inspection"]
        move.move_line_ids.with_user(self.clerk)._omni_check_status_doors()

    def test_server_flow_opens_its_door(self):
        self._put(self.damaged, 2)
        move = self._move(self.damaged, self.stock, 1)
        move._action_assign()
        move.picked = True
        with status_doors.open("release"):
            move._action_done()
        self.assertEqual(move.state, "done")
        with status_doors.open("disposition"), self.assertRaises(UserError):
            other = self._move(self.damaged, self.stock, 1)
            other._action_assign()
            other.picked = True
            other._action_done()

    def test_context_key_opens_nothing(self):
        self._put(self.damaged, 2)
        move = self._move(self.damaged, self.stock, 1)
        move._action_assign()
        move.picked = True
        with self.assertRaises(UserError):
            move.with_context(omni_status_doors=["release"], omni_status_seed=True)._action_done()

    # ------------------------------------------------------------ the matrix

    def _cell(self, source, dest):
        return self.env["omni.stock.status.transition"].search([
            ("company_id", "=", self.company.id), ("from_status", "=", source),
            ("to_status", "=", dest)])

    def test_matrix_readable_by_users_seeded_for_new_companies(self):
        rows = self.rpc(self.reader, "omni.stock.status.transition", "search_read",
                        [("from_status", "=", "damaged"), ("to_status", "=", "sellable")],
                        ["door", "locked", "allowed_doors"])
        self.assertEqual([row["door"] for row in rows], ["release"])
        company = self.env["res.company"].create({"name": "Doors Co"})
        cells = self.env["omni.stock.status.transition"].search(
            [("company_id", "=", company.id)])
        self.assertEqual(len(cells), 8 * 9)
        self.assertEqual(
            cells.filtered(lambda c: (c.from_status, c.to_status) == ("inspection",
                                                                     "sellable")).door,
            "disposition")

    def test_manager_changes_a_cell_within_bounds(self):
        cell = self._cell("sellable", "damaged")
        self.rpc(self.manager, "omni.stock.status.transition", "write", cell.ids,
                 {"door": "release"})
        self.assertEqual(cell.door, "release")
        self._put(self.stock, 2)
        with self.assertRaisesRegex(UserError, "request a reason-coded release"):
            move = self._move(self.stock, self.damaged, 1)
            move._action_assign()
            move.picked = True
            move.with_user(self.clerk)._action_done()
        self.rpc(self.manager, "omni.stock.status.transition", "write",
                 self._cell("damaged", "sellable").ids, {"door": "never"})
        self.assertEqual(self._cell("damaged", "sellable").door, "never")

    def test_manager_cannot_open_a_forbidden_cell(self):
        cases = [
            (("damaged", "sellable"), "free", "can only be crossed by"),
            (("inspection", "sellable"), "release", "can only be crossed by"),
            (("quarantine", "sellable"), "release", "can only be crossed by"),
            (("customer", "transit"), "free", "can only be crossed by"),
            # not forbidden on its own, but unpickable -> sellable is free
            (("damaged", "unpickable"), "free", "Damaged → Unpickable → Sellable"),
        ]
        for (source, dest), door, message in cases:
            cell = self._cell(source, dest)
            before = cell.door
            for call in (self.rpc, self.xmlrpc):
                with self.subTest(cell=(source, dest), call=call.__name__), \
                        self.assertRaises(RpcError) as caught:
                    call(self.manager, "omni.stock.status.transition", "write", cell.ids,
                         {"door": door})
                self.assertIn(message, caught.exception.message)
            self.assertEqual(cell.door, before)

    def test_plain_user_cannot_change_the_matrix(self):
        cell = self._cell("sellable", "damaged")
        for user in (self.clerk, self.reader):
            for call in (self.rpc, self.xmlrpc):
                with self.subTest(user=user.login, call=call.__name__), \
                        self.assertRaises(RpcError) as caught:
                    call(user, "omni.stock.status.transition", "write", cell.ids,
                         {"door": "never"})
                self.assertEqual(caught.exception.name, "odoo.exceptions.AccessError")
                self.assertIn("not allowed to modify", caught.exception.message)
        with self.assertRaises(RpcError):
            self.rpc(self.manager, "omni.stock.status.transition", "create",
                     {"company_id": self.company.id, "from_status": "sellable",
                      "to_status": "sellable", "door": "never"})
        with self.assertRaises(RpcError):
            self.rpc(self.manager, "omni.stock.status.transition", "unlink", cell.ids)
        self.assertEqual(cell.door, "free")
