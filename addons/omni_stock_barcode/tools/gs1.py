# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pure helpers for GS1 scans (no database): tested with plain pytest."""

import re

FNC1 = "\x1d"
# symbology identifiers a camera or scanner may prefix (zxing and handhelds)
PREFIXES = ("]C1", "]e0", "]d2", "]Q3", "]J1")
_HUMAN = re.compile(r"\((\d{2,4})\)")


def normalize_gs1(barcode):
    """A GS1 element string as Odoo's GS1 nomenclature parses it.

    Accepts the human-readable form printed under labels, ``(01)09506000134352
    (17)261231(10)LOT-1``, and the raw forms scanners send (FNC1 ``\\x1d`` or the
    nomenclature's ``#`` separator, a symbology prefix). Parentheses become FNC1
    separators (a separator is allowed after any element), spaces are dropped.
    """
    code = (barcode or "").strip()
    for prefix in PREFIXES:
        if code.startswith(prefix):
            code = code[len(prefix):]
            break
    if code.startswith(FNC1):
        code = code[1:]
    if _HUMAN.match(code):
        parts = [part for part in _HUMAN.split(code) if part != ""]
        # split gives [ai, value, ai, value, ...]
        code = FNC1.join(
            parts[i] + parts[i + 1].replace(" ", "") for i in range(0, len(parts) - 1, 2)
        )
    return code


def looks_like_gs1(barcode):
    """Whether a scan may be a GS1 element string rather than a plain code: an
    SSCC (00 + 18 digits) or a GTIN element (01/02 + 14 digits) first, or the
    human-readable form."""
    code = normalize_gs1(barcode)
    return bool(re.match(r"^(00\d{18}|0[12]\d{14})", code)) or bool(
        _HUMAN.match((barcode or "").strip())
    )


def gtin_candidates(code):
    """The product barcodes a GTIN may be stored as: GTIN-14 as scanned, and
    without its leading zeros down to EAN-13, UPC-A (12) and EAN-8."""
    code = (code or "").strip()
    if not code.isdigit():
        return [code] if code else []
    stripped = code.lstrip("0") or "0"
    found = [code]
    for width in (14, 13, 12, 8):
        if len(stripped) <= width:
            padded = stripped.zfill(width)
            if padded not in found:
                found.append(padded)
    return found
