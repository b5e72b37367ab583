from odoo import fields, models
from odoo.addons.omni_stock.tools import validate

from .omni_ats import OPEN_SESSION_STATES

MAX_UNSYNCED = 100000


class PosSession(models.Model):
    _inherit = "pos.session"

    omni_last_seen = fields.Datetime(
        string="POS Last Seen", readonly=True, copy=False,
        help="Last heartbeat of the POS screen of this session.")
    omni_unsynced_count = fields.Integer(
        string="Unsynced Orders", readonly=True, copy=False,
        help="Orders the POS screen reported as not yet sent to the server.")

    def omni_heartbeat(self, unsynced_count=0):
        """The POS screen is alive and has ``unsynced_count`` orders to send.

        Called by the POS every minute and after each sync; a cashier may only beat
        for a session of a POS they can use.
        """
        validate.one(self, self.env._("POS session"))
        self.config_id._omni_check_access()
        validate.integer(self.env, unsynced_count, self.env._(
            "The number of unsynced orders (0 to %s)", MAX_UNSYNCED),
            minimum=0, maximum=MAX_UNSYNCED)
        session = self.sudo()
        if session.state not in OPEN_SESSION_STATES:
            return {"offline_minutes": 0}
        session.write(session._prepare_omni_heartbeat_vals(unsynced_count))
        return {"offline_minutes": session.config_id.omni_channel_id.pos_offline_minutes}

    def _prepare_omni_heartbeat_vals(self, unsynced_count):
        return {"omni_last_seen": fields.Datetime.now(), "omni_unsynced_count": unsynced_count}
