# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Amounts are finance's: the stored figures of value KPIs (shrinkage) move to the
finance-only columns, and the amounts quoted by open alerts to their finance-only
figure (the next scan writes alerts the new way)."""


def migrate(cr, version):
    # the flag of the data file, whatever the order its records load in
    cr.execute("UPDATE omni_stock_kpi SET value_based = TRUE WHERE code = 'shrinkage_rate'")
    cr.execute("""
        UPDATE omni_stock_kpi_value v
           SET value_numerator = v.numerator, value_denominator = v.denominator,
               numerator = NULL, denominator = NULL
          FROM omni_stock_kpi k
         WHERE k.id = v.kpi_id AND k.value_based AND v.numerator IS NOT NULL
    """)
    cr.execute("""
        UPDATE omni_stock_alert
           SET value_figure = figure, figure = NULL
         WHERE kind IN ('unusual_adjustment', 'count_variance') AND value_figure IS NULL
           AND figure ~ '[0-9]+\\.[0-9]{2}'
    """)
