# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models, tools


class MailThread(models.AbstractModel):
    """Users without an e-mail address can post, notify and schedule activities.

    Odoo refuses every message whose author has no e-mail address outside superuser
    mode (``_message_compute_author``: "Unable to send message, please configure the
    sender's email address"), because notifications sent by e-mail need a sender. Store
    clerks, cashiers and counters often have no address, and their everyday actions
    post in a chatter: Odoo's *Return* button, closing a POS session, assigning an
    activity to someone else, an alert acknowledged, a period closed with an override.

    The message keeps its author (who did it stays on record); only the sender address
    of the e-mails falls back to the company's address, else the outgoing default
    (the alias domain's notification address or ``--email-from``), else OdooBot's.
    Without any of them the message is posted without a sender address, as Odoo does in
    superuser mode. The public user keeps Odoo's behaviour (website visitors).
    """

    _inherit = "mail.thread"

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        if not raise_on_email or self.env.su or self.env.user._is_public():
            return super()._message_compute_author(author_id, email_from, raise_on_email)
        author_id, email_from = super()._message_compute_author(
            author_id, email_from, raise_on_email=False)
        if not email_from:
            email_from = self._omni_fallback_email_from(author_id)
        return author_id, email_from

    def _omni_fallback_email_from(self, author_id):
        """``"Author Name" <sender address>`` for an author without an address, or
        False when the database has no sender address at all."""
        author = self.env["res.partner"].browse(author_id) if author_id else \
            self.env.user.partner_id
        # earned: no check needed: only the sender addresses of the company, the mail
        # server defaults and OdooBot are read (no record of the user's), and the author's
        # display name
        company = self.env.company.sudo()
        candidates = (
            company.email,
            self.env["ir.mail_server"].sudo()._get_default_from_address(),
            self.env.ref("base.partner_root").sudo().email,
        )
        address = next((email for email in candidates if tools.email_normalize(email)), False)
        if not address:
            return False
        return tools.formataddr((author.sudo().name or company.name, address))
