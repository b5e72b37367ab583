from odoo import models
from odoo.tools import float_is_zero

from ..tools.guard import status_doors


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def _action_done(self):
        self._omni_check_status_doors()
        return super()._action_done()

    def _omni_check_status_doors(self):
        """Every line being done, whatever the caller: the goods cross from the
        status of the line's own source to that of its own destination (a line may
        differ from its move) only through the door of that cell of the status
        transition matrix."""
        lines = self.filtered(lambda ml: ml.location_id != ml.location_dest_id and not
                              float_is_zero(ml.quantity,
                                            precision_rounding=ml.product_uom_id.rounding))
        if not lines:
            return
        Transition = self.env["omni.stock.status.transition"]
        opened = lines._omni_open_doors()
        for line in lines:
            source = line.location_id._omni_policy_status()
            dest = line.location_dest_id._omni_policy_status()
            if not source or not dest:
                continue
            door = Transition._omni_door(line.company_id, source, dest)
            if door != "free" and door not in opened.get(line.id, ()):
                Transition._omni_refuse(line, source, dest, door)

    def _omni_open_doors(self):
        """``{line id: doors}`` the flow doing these lines opened: those its server
        code opened around them (:data:`status_doors`). Override point for a document
        whose own links open a door for its lines (e.g. a return's vendor delivery)."""
        doors = status_doors.opened()
        return {line.id: set(doors) for line in self}
