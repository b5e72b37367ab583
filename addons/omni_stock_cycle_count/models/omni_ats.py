# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class OmniAts(models.AbstractModel):
    _inherit = "omni.ats"

    @api.model
    def _withheld_parts(self, scope):
        return super()._withheld_parts(scope) + [
            self.env["omni.stock.pick.short"]._omni_withheld_part()
        ]

    @api.model
    def _withheld_kinds(self):
        return {
            **super()._withheld_kinds(),
            "pick_short": self.env._("unconfirmed after pick short, count pending"),
        }

    @api.model
    def _location_notes(self, locations):
        notes = super()._location_notes(locations)
        # earned: only the accuracy notes of the engine's scope (the caller's locations)
        for location in locations.sudo().filtered("omni_accuracy_lines"):
            note = location._omni_accuracy_note()
            notes[location.id] = f"{notes[location.id]}; {note}" if location.id in notes else note
        return notes
