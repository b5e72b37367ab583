from odoo import Command
from odoo.tests import TransactionCase, new_test_user

PARIS = (48.8566, 2.3522)
LYON = (45.7640, 4.8357)


class RoutingCase(TransactionCase):
    """A central warehouse in Paris and a store in Lyon (second store in Lille), a
    rate table with a local and a national zone, a web channel that routes its orders.
    The figures are those of ``tests/test_routing_cost.py``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        Warehouse = cls.env["stock.warehouse"]
        cls.central = Warehouse.create({
            "name": "Central", "code": "RCEN", "partner_id": cls._partner("Central", PARIS).id,
            "omni_routing_minutes_per_order": 1, "omni_routing_minutes_per_line": 2,
            "omni_routing_labour_rate": 24,
        })
        cls.lyon = Warehouse.create({
            "name": "Lyon", "code": "RLYO", "partner_id": cls._partner("Lyon", LYON).id,
            "omni_routing_minutes_per_order": 2, "omni_routing_minutes_per_line": 4,
            "omni_routing_labour_rate": 30, "omni_routing_capacity_orders": 40,
            "omni_routing_pickup": True,
        })
        cls.central.lot_stock_id.omni_accuracy = 99
        cls.lyon.lot_stock_id.omni_accuracy = 96
        Rate = cls.env["omni.stock.routing.rate"]
        Rate.search([("company_id", "=", cls.company.id)]).active = False
        Rate.create([
            {"carrier": "Local", "zone": "local", "max_km": 50, "base_price": 4.5,
             "unit_price": 0.5, "transit_days": 1},
            {"carrier": "National", "zone": "national", "max_km": 1000, "base_price": 6.9,
             "unit_price": 0.8, "transit_days": 2},
        ])
        cls.categ = cls.env["product.category"].create({"name": "Routing Tests"})
        cls.tee = cls._product("Routing Tee", "RT-TEE")
        cls.cap = cls._product("Routing Cap", "RT-CAP")
        cls.channel = cls.env["omni.channel"].create({
            "name": "Routed Web", "code": "routed-web", "channel_type": "web",
            "warehouse_ids": [Command.set((cls.central | cls.lyon).ids)],
            "routing_enabled": True, "routing_split_penalty": 3.0,
            "routing_failure_penalty": 25.0, "routing_ageing_bonus": 0.0,
            "oversell_policy": "backorder",
        })
        cls.customer = cls._partner("Customer in Lyon", LYON)
        cls.salesman = new_test_user(
            cls.env, login="routing_salesman", groups="sales_team.group_sale_salesman")
        cls.manager = new_test_user(
            cls.env, login="routing_manager",
            groups="sales_team.group_sale_salesman_all_leads,omni_stock.group_omni_manager")
        cls._put(cls.lyon, cls.tee, 5)
        cls._put(cls.lyon, cls.cap, 1)
        cls._put(cls.central, cls.tee, 100)
        cls._put(cls.central, cls.cap, 100)

    @classmethod
    def _partner(cls, name, coordinates):
        return cls.env["res.partner"].create({
            "name": name, "partner_latitude": coordinates[0],
            "partner_longitude": coordinates[1]})

    @classmethod
    def _product(cls, name, code):
        return cls.env["product.product"].create({
            "name": name, "default_code": code, "type": "consu", "is_storable": True,
            "categ_id": cls.categ.id})

    @classmethod
    def _put(cls, warehouse, product, qty):
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, qty)

    def order(self, lines, user=None, partner=None, **vals):
        env = self.env(user=user or self.salesman)
        order = env["sale.order"].create({
            "partner_id": (partner or self.customer).id, "omni_channel_id": self.channel.id,
            "warehouse_id": self.central.id,
            "order_line": [Command.create({"product_id": p.id, "product_uom_qty": q})
                           for p, q in lines],
            **vals,
        })
        order.action_confirm()
        return order

    def nodes(self, order):
        """{product code: set of warehouse codes} of the order's open deliveries."""
        result = {}
        for move in order.order_line.move_ids.filtered(lambda m: m.state != "cancel"):
            result.setdefault(move.product_id.default_code, set()).add(
                move.picking_type_id.warehouse_id.code)
        return result

    def capacity(self, warehouse):
        self.env.invalidate_all()
        row = self.env["omni.stock.routing.capacity"].search(
            [("warehouse_id", "=", warehouse.id)], limit=1)
        return (row.orders_used, row.units_used)
