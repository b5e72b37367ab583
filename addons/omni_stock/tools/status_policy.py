"""The status transition policy as plain data and functions (no database).

Where goods are, as the policy sees it (a *policy status*): the stock status of
an internal location, or *transit*, or outside our stock (*customer*, *vendor*,
*scrap*). Each cell (from, to) of the matrix has a *door*: the only way goods
may cross it.

- ``free``: any validated transfer;
- ``disposition``: a return's disposition (grading through *Inspect Returns*);
- ``return_decision``: a returns manager's decision on a flagged return;
- ``release``: an approved, reason-coded status release (stock adjustments);
- ``never``: no way.

The safety bounds (what no configuration may open):

1. fixed cells (:data:`FIXED`), which the suite's own flows rely on;
2. per-cell choices (:func:`allowed_doors`): damaged -> sellable only by a
   release; quarantine -> anything only by a returns manager's decision;
3. the principle behind them, whatever the route: no chain of free cells
   through our own stock leads from a protected status (damaged, quarantine,
   inspection, or goods coming from a customer) to sellable
   (:func:`free_paths_to_sellable`).
"""

from collections import deque

STOCK_STATUSES = ("sellable", "unpickable", "damaged", "quarantine", "inspection")
# our own stock: where goods may rest and move on from
OWN_STOCK = (*STOCK_STATUSES, "transit")
FROM_STATUSES = (*OWN_STOCK, "customer", "vendor")
TO_STATUSES = (*OWN_STOCK, "customer", "vendor", "scrap")

DOORS = ("free", "disposition", "return_decision", "release", "never")

# statuses whose goods must never become sellable by ordinary transfers
PROTECTED = ("damaged", "quarantine", "inspection", "customer")

# cells the suite's own flows rely on: their door cannot be changed
FIXED = {
    # a return leaves inspection only by its disposition
    ("inspection", "sellable"): "disposition",
    ("inspection", "unpickable"): "disposition",
    ("inspection", "vendor"): "disposition",
    ("inspection", "scrap"): "disposition",
    # a flagged return goes to inspection when a returns manager accepts it
    ("quarantine", "inspection"): "return_decision",
    # goods from a customer land in inspection (or quarantine when flagged), never
    # in stock that can be sold or reach a sellable location freely
    ("customer", "inspection"): "free",
    ("customer", "quarantine"): "free",
    ("customer", "sellable"): "never",
    ("customer", "unpickable"): "never",
    ("customer", "transit"): "never",
}


def default_door(source, dest):
    """The door of a cell in a new matrix (safe defaults)."""
    if (source, dest) in FIXED:
        return FIXED[source, dest]
    if source == dest:
        return "free"
    if source == "quarantine":
        return "return_decision"
    if source == "inspection":
        # to damaged or quarantine: still not sellable; anything else is a disposition
        return "free" if dest in ("damaged", "quarantine") else "never"
    if source == "damaged":
        # sellable, or a status from which sellable is one free transfer away
        return "release" if dest in ("sellable", "unpickable", "transit") else "free"
    if source == "customer":
        # a return goes through our inspection, not straight to a vendor
        return "never" if dest == "vendor" else "free"
    return "free"


def allowed_doors(source, dest):
    """The doors a manager may choose for a cell."""
    if (source, dest) in FIXED:
        return (FIXED[source, dest],)
    if source == "damaged" and dest == "sellable":
        return ("release", "never")
    if source == "quarantine" and dest != "quarantine":
        return ("return_decision", "never")
    return DOORS


def free_paths_to_sellable(doors):
    """Chains of free cells through our own stock from a protected status to
    sellable: ``[[status, ..., "sellable"], ...]`` (empty when the matrix is safe).

    :param doors: ``{(source, dest): door}``; a missing cell has its default door
    """

    def door(source, dest):
        return doors.get((source, dest)) or default_door(source, dest)

    paths = []
    for start in PROTECTED:
        previous = {start: None}
        queue = deque([start])
        while queue:
            status = queue.popleft()
            for dest in OWN_STOCK:
                if dest in previous or door(status, dest) != "free":
                    continue
                previous[dest] = status
                queue.append(dest)
        if "sellable" in previous:
            path, step = [], "sellable"
            while step:
                path.append(step)
                step = previous[step]
            paths.append(path[::-1])
    return paths
