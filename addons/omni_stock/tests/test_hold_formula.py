"""ats_formula with own and other channels' holds (no database needed)."""

import pytest

from odoo.addons.omni_stock.tools import ats_formula as f


def test_other_holds_shrink_the_pool_not_the_cap():
    assert f.ats(10, 0, 50, holds_other=4) == 5
    assert f.ats(10, 0, 50, holds=2, holds_other=4) == 3
    assert f.ats(10, 1, 100, holds=2, holds_other=4) == 3
    assert f.ats(3, 0, 100, holds_other=5) == 0


def test_negative_holds_refused():
    with pytest.raises(ValueError):
        f.ats(10, 0, holds_other=-1)


def test_explanation_with_own_and_other_holds_sums():
    loc = f.LocationFigure(1, "WH/Stock", 10, 0, 100, True)
    explanation = f.explain([loc], 0, 50, holds=[("own", 2, True), ("other", 4, False)])
    assert explanation.ats == 3
    assert explanation.total == pytest.approx(3)
    assert [line.kind for line in explanation.lines] == [
        "sellable", "hold", "hold", "allocation"]
    # pairs stay the channel's own holds
    assert f.explain([loc], 0, 50, holds=[("own", 2)]).ats == 3
