"""Calling the server as a real user would: JSON-RPC through the web client's
route (``/web/dataset/call_kw``) with that user's session, or XML-RPC with a
password. Every check of the suite must hold for such a caller, not only for
the ORM in a test: use :class:`RpcMixin` in an ``HttpCase``.

Test users made with :meth:`RpcMixin.rpc_user` have their login as password.
"""

import json
import xmlrpc.client

from odoo import Command

# /xmlrpc/2 fault codes of Odoo's refusals (odoo.addons.base.controllers.rpc); a
# UserError and its subclasses (ValidationError...) share the "warning" code
XMLRPC_FAULTS = {
    2: "odoo.exceptions.UserError",
    3: "odoo.exceptions.AccessDenied",
    4: "odoo.exceptions.AccessError",
}


class RpcError(Exception):
    """The server refused a call: ``name`` is the exception's class path
    (``odoo.exceptions.UserError``...), ``message`` what the user reads."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class RpcMixin:
    """For ``odoo.tests.HttpCase``: ``self.rpc(user, model, method, *args, **kwargs)``."""

    @classmethod
    def rpc_user(cls, login, groups, name=None, company=None, **vals):
        """A user with exactly ``groups`` (xml ids) and their login as password."""
        company = company or cls.env.company
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": name or login, "login": login, "password": login,
            "email": f"{login}@example.com",
            "company_id": company.id, "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set([cls.env.ref(g).id for g in groups])],
            **vals,
        })

    def _rpc_session(self, user):
        if getattr(self, "_rpc_uid", None) != user.id:
            self.authenticate(user.login, user.login)
            self._rpc_uid = user.id

    def rpc(self, user, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` over JSON-RPC as ``user``; the
        result, or :class:`RpcError` with the server's exception and message."""
        self._rpc_session(user)
        return self.json_route(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": list(args), "kwargs": kwargs,
        })

    def json_route(self, route, params=None):
        """A JSON-RPC route (``type="json"``) with the current session."""
        self.env.flush_all()
        response = self.url_open(
            route, data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                                    "params": params or {}}),
            headers={"Content-Type": "application/json"}, timeout=60)
        response.raise_for_status()
        body = response.json()
        # what the server wrote is committed in its test cursor: read it again
        self.env.invalidate_all()
        if "error" in body:
            data = body["error"].get("data") or {}
            raise RpcError(data.get("name", ""), data.get("message", body["error"]["message"]))
        return body.get("result")

    def xmlrpc(self, user, model, method, *args, **kwargs):
        """The same through ``/xmlrpc/2/object`` with the user's password."""
        self.env.flush_all()
        proxy = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/object",
                                          allow_none=True)
        try:
            result = proxy.execute_kw(self.env.cr.dbname, user.id, user.login, model,
                                      method, list(args), kwargs)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode in XMLRPC_FAULTS:
                # Odoo's own refusals: the code says which, the string is the message
                raise RpcError(XMLRPC_FAULTS[fault.faultCode], fault.faultString) from None
            lines = [line for line in fault.faultString.strip().splitlines() if line.strip()]
            last = lines[-1] if lines else ""
            name, _sep, message = last.partition(": ")
            raise RpcError(name, message or fault.faultString) from None
        finally:
            self.env.invalidate_all()
        return result
