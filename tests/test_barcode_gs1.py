"""Plain pytest for the scanner's GS1 helpers (no database): the forms a label is read
in, what may be GS1 at all, and the barcodes a GTIN may be stored as."""

import importlib.util
import pathlib

import pytest

_PATH = pathlib.Path(__file__).parents[1] / "addons/omni_stock_barcode/tools/gs1.py"
_spec = importlib.util.spec_from_file_location("omni_barcode_gs1", _PATH)
gs1 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gs1)

FNC1 = "\x1d"


@pytest.mark.parametrize(("scanned", "expected"), [
    # raw, as a handheld sends it (FNC1 after a variable-length element)
    ("0109506000134352172612313006\x1d10LOT", "0109506000134352172612313006\x1d10LOT"),
    # symbology identifier of a camera decoder dropped
    ("]C10109506000134352", "0109506000134352"),
    ("]d2\x1d0109506000134352", "0109506000134352"),
    # the human-readable line under a label, with spaces
    ("(01)09506000134352(17)261231(10)LOT 7",
     f"0109506000134352{FNC1}17261231{FNC1}10LOT7"),
    ("(00)106141411234567897", "00106141411234567897"),
    # a plain code is left alone
    ("SC-TEE", "SC-TEE"),
])
def test_normalize(scanned, expected):
    assert gs1.normalize_gs1(scanned) == expected


@pytest.mark.parametrize(("scanned", "expected"), [
    ("0109506000134352", True),
    ("0209506000134352", True),
    ("00106141411234567897", True),
    ("(01)09506000134352", True),
    ("9506000134352", False),  # a plain EAN-13
    ("09506000134352", False),  # a GTIN-14 alone is a plain barcode
    ("0112", False),
    ("SC-TEE", False),
    ("", False),
])
def test_looks_like_gs1(scanned, expected):
    assert gs1.looks_like_gs1(scanned) is expected


def test_gtin_candidates():
    assert gs1.gtin_candidates("09506000134352") == [
        "09506000134352", "9506000134352"]
    assert gs1.gtin_candidates("00012345678905") == [
        "00012345678905", "0012345678905", "012345678905"]
    assert gs1.gtin_candidates("00000096385074") == [
        "00000096385074", "0000096385074", "000096385074", "96385074"]
    assert gs1.gtin_candidates("SC-TEE") == ["SC-TEE"]
    assert gs1.gtin_candidates("") == []
