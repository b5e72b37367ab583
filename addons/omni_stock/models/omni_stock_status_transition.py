"""Statuses have doors: which status may move to which, and through what.

One row per company and cell (from status, to status) with its door (see
:mod:`..tools.status_policy`). The move layer (``stock.move.line``) reads it
for every line being done, whatever the caller; document flows open their door
with :data:`..tools.guard.status_doors` around their own moves.
"""

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import status_policy

POLICY_STATUSES = [
    ("sellable", "Sellable"),
    ("unpickable", "Unpickable"),
    ("damaged", "Damaged"),
    ("quarantine", "Quarantine"),
    ("inspection", "Awaiting inspection"),
    ("transit", "In transit"),
    ("customer", "Customer"),
    ("vendor", "Vendor"),
    ("scrap", "Scrap"),
]

DOORS = [
    ("free", "Any transfer"),
    ("disposition", "Return disposition (Inspect Returns)"),
    ("return_decision", "Returns manager's decision"),
    ("release", "Approved reason-coded release"),
    ("never", "Never"),
]

# fields the server fills when it seeds the matrix: never written by hand
CELL_FIELDS = {"company_id", "from_status", "to_status"}


class OmniStockStatusTransition(models.Model):
    _name = "omni.stock.status.transition"
    _description = "Stock Status Transition"
    _order = "company_id, from_sequence, to_sequence"

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    from_status = fields.Selection(POLICY_STATUSES, "From", required=True, readonly=True)
    to_status = fields.Selection(POLICY_STATUSES, "To", required=True, readonly=True)
    from_sequence = fields.Integer(compute="_compute_sequences", store=True)
    to_sequence = fields.Integer(compute="_compute_sequences", store=True)
    door = fields.Selection(
        DOORS, required=True,
        help="The only way goods may go from the first status to the second: any "
        "validated transfer, a return's disposition, a returns manager's decision on a "
        "flagged return, an approved reason-coded release, or never.")
    locked = fields.Boolean(
        compute="_compute_bounds",
        help="The suite's own flows rely on this cell: its door cannot be changed.")
    allowed_doors = fields.Char(
        "Possible Doors", compute="_compute_bounds",
        help="The doors that keep the safety principles for this cell.")

    _sql_constraints = [
        ("cell_uniq", "unique(company_id, from_status, to_status)",
         "Each status transition appears once per company."),
    ]

    @api.depends("from_status", "to_status")
    def _compute_display_name(self):
        labels = dict(POLICY_STATUSES)
        for cell in self:
            cell.display_name = f"{labels.get(cell.from_status, '')} → " \
                f"{labels.get(cell.to_status, '')}"

    @api.depends("from_status", "to_status")
    def _compute_sequences(self):
        order = [key for key, _label in POLICY_STATUSES]
        for cell in self:
            cell.from_sequence = order.index(cell.from_status) if cell.from_status else 0
            cell.to_sequence = order.index(cell.to_status) if cell.to_status else 0

    @api.depends("from_status", "to_status")
    def _compute_bounds(self):
        labels = dict(DOORS)
        for cell in self:
            allowed = status_policy.allowed_doors(cell.from_status, cell.to_status)
            cell.locked = len(allowed) == 1
            cell.allowed_doors = ", ".join(labels[door] for door in allowed)

    # ------------------------------------------------------------ seeding

    @api.model
    def _omni_seed(self, companies=None):
        """Give each company every cell it lacks, with its default door."""
        # earned: module data and res.company's create (administrators) only: default doors
        companies = companies or self.env["res.company"].sudo().with_context(
            active_test=False).search([("id", "!=", 0)])
        Cell = self.sudo()
        existing = {
            (cell.company_id.id, cell.from_status, cell.to_status)
            for cell in Cell.search([("company_id", "in", companies.ids)])
        }
        vals_list = [
            {"company_id": company.id, "from_status": source, "to_status": dest,
             "door": status_policy.default_door(source, dest)}
            for company in companies
            for source in status_policy.FROM_STATUSES
            for dest in status_policy.TO_STATUSES
            if (company.id, source, dest) not in existing
        ]
        if vals_list:
            Cell.with_context(omni_status_seed=True).create(vals_list)
        return True

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("The status transition matrix is created by the "
                                         "system; managers change the doors of its cells."))
        return super().create(vals_list)

    def write(self, vals):
        if CELL_FIELDS & set(vals):
            raise UserError(self.env._("A cell of the status transition matrix keeps its "
                                       "company and statuses; change its door."))
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Cells of the status transition matrix cannot be "
                                   "deleted; set their door to Never instead."))

    # ------------------------------------------------------------ bounds

    @api.constrains("door")
    def _check_bounds(self):
        labels = dict(POLICY_STATUSES)
        door_labels = dict(DOORS)
        for cell in self:
            allowed = status_policy.allowed_doors(cell.from_status, cell.to_status)
            if cell.door not in allowed:
                raise ValidationError(self.env._(
                    "%(from_status)s → %(to_status)s can only be crossed by: %(allowed)s.",
                    from_status=labels[cell.from_status], to_status=labels[cell.to_status],
                    allowed=", ".join(door_labels[door] for door in allowed)))
        for company in self.company_id:
            paths = status_policy.free_paths_to_sellable(self._omni_doors(company.id))
            if paths:
                raise ValidationError(self.env._(
                    "With these doors, goods could become sellable by ordinary transfers "
                    "along %(path)s: goods that are damaged, quarantined, awaiting "
                    "inspection or back from a customer must never reach a sellable "
                    "location freely, whatever the route.",
                    path=" → ".join(labels[status] for status in paths[0])))

    # ------------------------------------------------------------ the policy

    @api.model
    def _omni_doors(self, company_id):
        """``{(from, to): door}`` of a company (read as superuser: the policy holds
        for every caller)."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT from_status, to_status, door FROM omni_stock_status_transition"
            " WHERE company_id = %s", [company_id])
        return {(source, dest): door for source, dest, door in self.env.cr.fetchall()}

    @api.model
    @tools.ormcache("company_id")
    def _omni_cached_doors(self, company_id):
        return self._omni_doors(company_id)

    @api.model
    def _omni_door(self, company, source, dest):
        """The door of a cell for ``company`` (its default when not seeded yet)."""
        doors = self._omni_cached_doors(company.id or self.env.company.id)
        return doors.get((source, dest)) or status_policy.default_door(source, dest)

    @api.model
    def _omni_door_hint(self, door):
        """What to do instead of an ordinary transfer, per door."""
        return {
            "disposition": self.env._(
                "returns leave inspection by their disposition: use Inspect Returns "
                "(grade and dispose the return)"),
            "return_decision": self.env._(
                "quarantined returns move only when a returns manager decides (Accept on "
                "the flagged return): ask a returns manager"),
            "release": self.env._(
                "request a reason-coded release (Inventory > Stock Adjustments > Request "
                "Status Release); an approver other than you approves it"),
            "never": self.env._("this transition is not allowed"),
        }.get(door, "")

    @api.model
    def _omni_refuse(self, line, source, dest, door):
        labels = dict(POLICY_STATUSES)
        if source == "customer":
            raise UserError(self.env._(
                "%(product)s comes back from a customer: it must be received into an "
                "inspection, quarantine or damaged location, not %(location)s (%(status)s). "
                "Returns are inspected before they can be sold again, whatever the route.",
                product=line.product_id.display_name,
                location=line.location_dest_id.display_name, status=labels[dest]))
        raise UserError(self.env._(
            "%(product)s cannot go from %(from_status)s (%(from_location)s) to %(to_status)s "
            "(%(to_location)s) by an ordinary transfer: %(hint)s.",
            product=line.product_id.display_name, from_status=labels[source],
            from_location=line.location_id.display_name, to_status=labels[dest],
            to_location=line.location_dest_id.display_name,
            hint=self._omni_door_hint(door)))
