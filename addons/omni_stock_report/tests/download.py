"""Downloading an XLSX export as the web client does: OCA ``report_xlsx``'s action
handler (``static/src/js/report/action_manager_report.esm.js``) turns the report
action into ``/report/xlsx/<report_name>/<ids>?context=...`` and posts it to
``/report/download``, which answers the workbook with its file name.

Mix into an ``HttpCase`` with :class:`odoo.addons.omni_stock.tests.rpc.RpcMixin`.
"""

import io
import json
import re
from urllib.parse import quote, unquote

import openpyxl

from odoo import http

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class XlsxDownloadMixin:
    def user_context(self, user):
        """What the web client sends as ``user.context``."""
        return {"lang": user.lang or "en_US", "tz": user.tz or "Europe/Paris",
                "uid": user.id, "allowed_company_ids": user.company_id.ids}

    def print_action(self, user, xmlid, records):
        """The report action of a *Print* menu entry, as the web client runs it on
        the selected ``records`` (loaded with the user's session)."""
        self._rpc_session(user)
        action = self.json_route("/web/action/load", {"action_id": xmlid})
        action["context"] = {"active_model": records._name, "active_id": records[:1].id,
                             "active_ids": records.ids}
        return action

    def download_xlsx(self, user, action):
        """Download the report ``action`` (an ``ir.actions.report`` dict as the
        web client received it) as ``user``: ``(file name, {sheet title: rows})``."""
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_type"], "xlsx")
        self._rpc_session(user)
        context = json.dumps(self.user_context(user))
        url = f"/report/xlsx/{action['report_name']}"
        if action.get("data"):
            url += (f"?options={quote(json.dumps(action['data']))}"
                    f"&context={quote(json.dumps(action.get('context') or {}))}")
        else:
            active_ids = (action.get("context") or {}).get("active_ids")
            if active_ids:
                url += "/" + ",".join(str(i) for i in active_ids)
            url += f"?context={quote(context)}"
        self.env.flush_all()
        response = self.url_open("/report/download", data={
            "data": json.dumps([url, "xlsx"]), "context": context,
            "token": "dummy-because-api-expects-one",
            "csrf_token": http.Request.csrf_token(self),
        }, timeout=120)
        self.env.invalidate_all()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers.get("Content-Type"), XLSX, response.text[:2000])
        disposition = response.headers.get("Content-Disposition", "")
        match = re.search(r"filename\*=UTF-8''([^;]+)", disposition) or \
            re.search(r'filename="?([^";]+)', disposition)
        self.assertTrue(match, disposition)
        return unquote(match.group(1)), self.read_workbook(response.content)

    @staticmethod
    def read_workbook(content):
        book = openpyxl.load_workbook(io.BytesIO(content))
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
                for sheet in book.worksheets}

    @staticmethod
    def table(rows, first_header):
        """(headers, data rows) of a sheet whose table starts at the row whose first
        cell is ``first_header`` (the filters are written above it)."""
        start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
        headers = [cell for cell in rows[start] if cell is not None]
        return headers, [row for row in rows[start + 1:] if any(c is not None for c in row)]
