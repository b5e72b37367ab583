"""The cashier's figures in plain words: pure functions, no database.

* :func:`format_quantity`: ``19`` for 19.0 units, ``2.5`` for 2.50 kg: never
  ``19.0``, never more decimals than the unit of measure counts;
* :func:`zero_reason`: why a store's available-to-sell is 0, as one key that
  :class:`~odoo.addons.omni_stock_pos.models.omni_pos_wording.OmniPosWording`
  turns into the cashier's words.
"""

import math

# why nothing may be sold, in the order of precedence when two deductions are equal
REASONS = (
    "out_of_stock",  # nothing at all in the store
    "not_sellable",  # only damaged, on display, on quality hold or awaiting inspection
    "not_verified",  # the shelves' counts are below the channel's accuracy
    "offline",  # the store's till is offline: its stock is not promised elsewhere
    "held",  # held for customers (holds of any channel)
    "sold_open_session",  # sold at a till, not yet shipped from the shelves
    "count_pending",  # a pick came up short: waiting for a count
    "reserved",  # reserved or ordered for deliveries
    "safety",  # kept as safety stock
    "kept_back",  # withheld by another rule of the suite
)

# withheld kinds of the ATS engine and what they mean at the till
WITHHELD_REASONS = {
    "pos_offline": "offline",
    "pos_unsynced": "sold_open_session",
    "pick_short": "count_pending",
}


def digits_of(rounding):
    """Decimals a rounding counts: 1 -> 0, 0.5 -> 1, 0.01 -> 2, 0.001 -> 3."""
    if not rounding or rounding >= 1:
        return 0
    return max(0, math.ceil(-math.log10(rounding) - 1e-9))


def format_quantity(quantity, rounding=1.0):
    """``quantity`` rounded to ``rounding`` without trailing zeros: ``"19"``, ``"2.5"``."""
    digits = digits_of(rounding)
    text = f"{round(float(quantity or 0.0), digits):.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def split_withheld(withheld, withheld_by_kind=None):
    """``{reason: quantity}`` of the ``withheld`` total by what withholds it: each
    kind's share (in the order of the kinds' names) up to what is left of the total,
    the rest ``kept_back``; the shares always sum to ``withheld``."""
    shares = {}
    left = max(withheld or 0.0, 0.0)
    for kind, quantity in sorted((withheld_by_kind or {}).items()):
        share = min(max(quantity or 0.0, 0.0), left)
        if share > 0:
            reason = WITHHELD_REASONS.get(kind, "kept_back")
            shares[reason] = shares.get(reason, 0.0) + share
            left -= share
    if left > 1e-9:
        shares["kept_back"] = shares.get("kept_back", 0.0) + left
    return shares


def zero_reason(figures, withheld_by_kind=None):
    """Why ``figures`` (the engine's detailed figures of one product for one
    channel) promise nothing: a key of :data:`REASONS`, or ``""`` when the ATS
    is above 0.

    The reason is the largest deduction between the sellable stock and the ATS;
    ``withheld_by_kind`` (``{kind: quantity}``) splits the withheld stock.
    """
    if figures.get("ats", 0.0) > 0:
        return ""
    sellable = figures.get("sellable", 0.0)
    if sellable <= 0:
        return "out_of_stock" if figures.get("on_hand", 0.0) <= 0 else "not_sellable"
    holds = figures.get("holds", 0.0)
    withheld = figures.get("withheld", 0.0)
    demand = figures.get("demand", 0.0)
    # "reserved" of the detailed figures counts the holds too
    reserved = max(figures.get("reserved", 0.0) - holds, 0.0)
    # the free sellable stock the channel does not trust: what the pool lacks
    untrusted = sellable - reserved - (figures.get("pool", 0.0) + withheld + demand)
    deductions = dict.fromkeys(REASONS, 0.0)
    deductions["not_verified"] = max(untrusted, 0.0)
    deductions["held"] = holds
    deductions["reserved"] = reserved + demand
    deductions["safety"] = figures.get("safety", 0.0)
    for reason, quantity in split_withheld(withheld, withheld_by_kind).items():
        deductions[reason] += quantity
    best = max(REASONS, key=lambda key: deductions[key])
    return best if deductions[best] > 0 else "out_of_stock"
