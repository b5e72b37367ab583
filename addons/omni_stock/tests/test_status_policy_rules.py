"""The status transition policy's safety bounds (no database needed)."""

from odoo.addons.omni_stock.tools import status_policy as p


def test_default_matrix_has_no_free_way_to_sellable():
    assert p.free_paths_to_sellable({}) == []


def test_fixed_cells_are_their_only_choice():
    for (source, dest), door in p.FIXED.items():
        assert p.allowed_doors(source, dest) == (door,)
        assert p.default_door(source, dest) == door


def test_damaged_to_sellable_only_by_release_or_never():
    assert p.default_door("damaged", "sellable") == "release"
    assert p.allowed_doors("damaged", "sellable") == ("release", "never")


def test_quarantine_leaves_only_by_a_returns_managers_decision():
    for dest in p.TO_STATUSES:
        if dest == "quarantine":
            continue
        assert set(p.allowed_doors("quarantine", dest)) <= {"return_decision", "never"}
        assert p.default_door("quarantine", dest) in ("return_decision", "never")


def test_a_free_detour_to_sellable_is_found_whatever_the_route():
    # damaged -> unpickable made free: unpickable -> sellable is free
    paths = p.free_paths_to_sellable({("damaged", "unpickable"): "free"})
    assert ["damaged", "unpickable", "sellable"] in paths
    # inspection -> damaged is free: the same detour from inspection
    assert ["inspection", "damaged", "unpickable", "sellable"] in paths
    # inspection -> damaged is free, damaged -> transit made free: transit -> sellable
    paths = p.free_paths_to_sellable({("damaged", "transit"): "free"})
    assert ["damaged", "transit", "sellable"] in paths
    assert ["inspection", "damaged", "transit", "sellable"] in paths


def test_closing_the_last_step_makes_a_detour_safe():
    doors = {("damaged", "unpickable"): "free", ("unpickable", "sellable"): "never",
             ("unpickable", "transit"): "never"}
    assert p.free_paths_to_sellable(doors) == []
