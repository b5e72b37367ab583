"""Where a channel's maintained ATS state stands (see :mod:`.omni_ats_state`)."""

from odoo import fields, models


class OmniAtsStateChannel(models.Model):
    """The change feed position and moment a channel's state was computed at."""

    _name = "omni.ats.state.channel"
    _description = "Maintained ATS State of a Channel"
    _log_access = False
    _rec_name = "channel_id"

    channel_id = fields.Many2one("omni.channel", required=True, ondelete="cascade",
                                 readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    last_id = fields.Integer(readonly=True, help="Last change feed row seen by the refresh.")
    oldest_running = fields.Char(readonly=True, help="Oldest transaction running at the refresh.")
    running = fields.Json(readonly=True, help="Transactions running at the refresh "
                          "(empty when there were too many: the oldest one then counts).")
    since = fields.Datetime(readonly=True, help="The moment the figures were computed for: "
                            "what changes with the clock alone is dirty after it.")
    refreshed_at = fields.Datetime(readonly=True, help="When the last full refresh ran.")
    guards = fields.Json(readonly=True, help="Values read before the computation that must "
                         "be the same at read time for the state to be used.")
    refresh_xid = fields.Char(readonly=True, help="The refreshing transaction: its own "
                              "changes were in what it computed.")
    product_count = fields.Integer(readonly=True)

    _sql_constraints = [
        ("channel_uniq", "unique(channel_id)", "A channel has one maintained ATS state."),
    ]
