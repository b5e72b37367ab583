from .common import AdjustmentCase


class TestBatchCosts(AdjustmentCase):
    """Counts applied together (a cycle count's lines, an import) are valued at each
    product's cost in its own quant's company, whatever the current company."""

    def test_each_count_valued_in_its_quants_company(self):
        self.company_b.write({"omni_adj_threshold_qty": 0, "omni_adj_threshold_value": 0,
                              "omni_stock_lock_date": False})
        stock_b = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_b.id)], limit=1).lot_stock_id
        self.product.with_company(self.company_b).standard_price = 7.0
        Quant = self.env["stock.quant"]
        Quant.with_company(self.company_b)._update_available_quantity(
            self.product, stock_b, 5)
        quant_b = Quant._gather(self.product, stock_b, strict=True)
        result = Quant._omni_apply_counts([
            {"quant": self.quant(), "quantity": 22, "reason": self.reason, "source": "count"},
            {"quant": quant_b, "quantity": 8, "reason": self.reason, "source": "count"},
        ])
        logged = {log.company_id: (log.quantity_delta, log.value)
                  for log in result["applied"].sudo()}
        # 2 units at 10.0 in the main company, 3 units at 7.0 in company B
        self.assertEqual(logged, {self.company: (2.0, 20.0), self.company_b: (3.0, 21.0)})
        self.assertEqual(self.qty(stock_b), 8)
