"""The demo retailer's returns: reasons and grades (data of omni_stock_return),
returns in every state, and three months of history for the resale yields."""

from datetime import timedelta

from odoo import api, fields, models

# (SKU, grade, disposition, days ago inspected) of the history the yields learn from
HISTORY = [
    ("TEE-WHT-M", "A", "resell", 70), ("TEE-WHT-M", "B", "resell", 55),
    ("TEE-WHT-M", "A", "resell", 40), ("TEE-WHT-M", "D", "scrap", 30),
    ("TEE-NVY-L", "B", "resell", 20), ("TEE-NVY-L", "C", "refurbish", 12),
    ("JEAN-IND-28", "A", "resell", 25), ("JEAN-IND-28", "D", "scrap", 15),
]


class OmniStockDemoReturns(models.AbstractModel):
    """Returns of the demo, after the retailer (the loader's helpers)."""

    _name = "omni.stock.demo.returns"
    _inherit = "omni.stock.demo.loader"
    _description = "Omnichannel Demo: Returns"

    @api.model
    def _load_returns(self):
        if self.env.ref("omni_stock_demo.return_awaiting", raise_if_not_found=False):
            return
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        central = self.env.ref("omni_stock_demo.wh_central")
        own = central.omni_inspection_location_id
        # the retailer's own "Returns Inspection" receives the returns
        central.omni_inspection_location_id = self.env.ref("omni_stock_demo.loc_central_returns")
        if own and own != central.omni_inspection_location_id and not own.quant_ids:
            own.active = False
        vendor = self.env["res.partner"].create({"name": "Atelier Coton (demo vendor)",
                                                 "is_company": True})
        for code in ("TEE-WHT-M", "TEE-NVY-L", "TEE-WHT-S"):
            self.env["product.supplierinfo"].create({
                "partner_id": vendor.id,
                "product_tmpl_id": self._sku(code).product_tmpl_id.id, "price": 7.0})
        self._load_return_history(central)
        self._load_open_returns(central)

    def _sku(self, code):
        return self.env.ref(f"omni_stock_demo.product_{code.lower().replace('-', '_')}")

    def _delivered_order(self, channel, central, product, qty, **vals):
        order = self._sale_order(channel, central, [(product, qty)], **vals)
        self._validate(order.picking_ids)
        return order

    def _new_return(self, order, qty=1, reason="wrong_size", channel=None, **vals):
        rma = self.env["omni.stock.return"].create({
            "sale_order_id": order.id, "sale_line_id": order.order_line[:1].id,
            "warehouse_id": order.warehouse_id.id, "quantity": qty,
            "reason_id": self.env.ref(f"omni_stock_return.reason_{reason}").id,
            "channel_id": (channel or order.omni_channel_id).id,
            "expected_date": fields.Date.today(), **vals,
        })
        rma.action_confirm()
        return rma

    def _grade(self, rma, grade, disposition=None, note=None):
        grade = self.env.ref(f"omni_stock_return.grade_{grade.lower()}")
        rma.write({"grade_id": grade.id, "disposition": disposition or grade.disposition,
                   "disposition_note": note})
        rma.action_inspect()
        return rma

    def _load_return_history(self, central):
        web = self.env.ref("omni_stock_demo.channel_web")
        north = self.env.ref("omni_stock_demo.channel_market_north")
        now = fields.Datetime.now()
        for index, (code, grade, disposition, days) in enumerate(HISTORY):
            channel = north if index % 3 == 2 else web
            order = self._delivered_order(channel, central, self._sku(code), 1)
            rma = self._new_return(order, channel=channel,
                                   reason="defective" if grade == "D" else "changed_mind")
            rma.action_receive()
            self._grade(rma, grade, disposition)
            rma.action_dispose()
            if rma.state == "refurbishing":
                rma.action_refurbish_resell()
            # back in time: received two days before it was inspected, resold the same day
            self.env.flush_all()
            self.env.cr.execute("""
                UPDATE omni_stock_return
                   SET received_date = %(inspected)s - interval '2 days',
                       inspection_date = %(inspected)s,
                       resold_date = CASE WHEN resold_date IS NULL THEN NULL
                                          ELSE %(inspected)s + interval '4 hours' END,
                       disposed_date = %(inspected)s + interval '4 hours'
                 WHERE id = %(id)s
            """, {"inspected": now - timedelta(days=days), "id": rma.id})
        self.env.invalidate_all()
        self.env["omni.stock.return"].search(
            [("resold_date", "!=", False)])._compute_return_to_stock_hours()

    def _load_open_returns(self, central):
        web = self.env.ref("omni_stock_demo.channel_web")
        south = self.env.ref("omni_stock_demo.channel_market_south")
        tee, navy, small = self._sku("TEE-WHT-M"), self._sku("TEE-NVY-L"), self._sku("TEE-WHT-S")
        # expected: authorized, the parcel is on its way
        self._xmlid("return_expected", self._new_return(
            self._delivered_order(web, central, small, 2), reason="not_as_described"))
        # awaiting inspection (one of them late)
        awaiting = self._new_return(self._delivered_order(web, central, tee, 2), qty=2)
        awaiting.action_receive()
        self._xmlid("return_awaiting", awaiting)
        late = self._new_return(self._delivered_order(south, central, navy, 1,
                                                      client_order_ref="MKS-20417"),
                                reference="MKS-RET-20417", origin="api")
        late.action_receive()
        self.env.flush_all()
        self.env.cr.execute("UPDATE omni_stock_return SET received_date = %s WHERE id = %s",
                            [fields.Datetime.now() - timedelta(days=6), late.id])
        self._xmlid("return_late", late)
        # graded, disposition not carried out yet
        graded = self._new_return(self._delivered_order(web, central, tee, 1))
        graded.action_receive()
        self._xmlid("return_graded", self._grade(graded, "B"))
        # refurbishing
        refurbishing = self._new_return(self._delivered_order(web, central, navy, 1),
                                        reason="damaged")
        refurbishing.action_receive()
        self._grade(refurbishing, "C").action_dispose()
        self._xmlid("return_refurbishing", refurbishing)
        # sent back to the vendor
        vendor = self._new_return(self._delivered_order(web, central, small, 1),
                                  reason="defective")
        vendor.action_receive()
        self._grade(vendor, "C", "vendor", "Seam defect: supplier warranty").action_dispose()
        self._xmlid("return_vendor", vendor)
        # scrapped (a reason-coded scrap)
        scrapped = self._new_return(self._delivered_order(web, central, tee, 1),
                                    reason="damaged")
        scrapped.action_receive()
        self._grade(scrapped, "D").action_dispose()
        self._xmlid("return_scrapped", scrapped)
        # a parcel reported returned twice: the second is flagged and quarantined
        order = self._delivered_order(web, central, navy, 1)
        self._new_return(order).action_receive()
        duplicate = self._new_return(order)
        duplicate.action_receive()
        self._xmlid("return_flagged", duplicate)
        self.env["omni.stock.return"]._cron_inspection_ageing()
