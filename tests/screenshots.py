"""Screenshots of each role's main screen on the demo retailer (README: *Guides by role*).

``make screenshots`` serves the demo database (``make run``'s), logs in as each demo
user, opens that user's main screen in headless Chromium at the size the role uses
(a phone for counters and inspectors) and saves ``docs/screenshots/<role>.png``: the
README's pictures are taken from the demo, so they follow the screens.

    python3 tests/screenshots.py -c .odoo.conf -d omni_demo [--only counter]
"""

import argparse
import base64
import http.cookiejar
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

sys.path.insert(0, str(Path(__file__).resolve().parent / "bench"))
from holds_server import OdooServer, free_port  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
LAPTOP, PHONE = (1366, 800), (390, 844)

# file, login (the password is the login), page, size, what must be on screen first
ROLES = [
    ("store_clerk", "demo_store_clerk",
     "/odoo/action-omni_stock.action_omni_product_availability", LAPTOP, ".o_list_view"),
    ("approver", "demo_approver",
     "/odoo/action-omni_stock_adjustment.omni_stock_adjustment_request_action", LAPTOP,
     ".o_list_view"),
    ("counter", "counter.lea@maison-lumiere.example",
     "/odoo/action-omni_stock_cycle_count.action_omni_count_scanner", PHONE,
     ".o_omni_count_scanner"),
    ("inspector", "demo_inspector",
     "/odoo/action-omni_stock_return.omni_stock_return_inspect_action", PHONE,
     ".o_omni_return_inspect"),
    ("finance", "demo_finance",
     "/odoo/action-omni_stock_report_account.action_omni_stock_reconciliation", LAPTOP,
     ".o_list_view"),
    ("store_manager", "demo_store_manager",
     "/odoo/action-omni_stock_report.action_omni_stock_kpi_board_list", LAPTOP,
     ".o_list_view"),
    ("planner", "demo_inventory_manager",
     "/odoo/action-omni_stock_forecast.action_omni_stock_forecast_line", LAPTOP,
     ".o_view_controller"),
    ("shopper", None, "/shop", LAPTOP, ".o_wsale_products_main_row, #products_grid"),
]


def session_cookie(base_url, db, login):
    """A logged-in session of ``login`` (its password is its login on the demo)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": {
        "db": db, "login": login, "password": login}}).encode()
    request = urllib.request.Request(f"{base_url}/web/session/authenticate", data=body,
                                     headers={"Content-Type": "application/json"})
    answer = json.loads(opener.open(request, timeout=60).read())
    if answer.get("error"):
        raise RuntimeError(f"{login}: {answer['error']['data']['message']}")
    return next(cookie.value for cookie in jar if cookie.name == "session_id")


class Chromium:
    """Headless Chromium driven over the DevTools protocol (one page)."""

    def __init__(self):
        binary = next(filter(None, map(shutil.which, (
            "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"))), None)
        if not binary:
            raise SystemExit("Chromium is needed for screenshots (README: Prerequisites)")
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="omni-shots-")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             f"--remote-debugging-port={self.port}", f"--user-data-dir={self.profile}",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                pages = json.loads(urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/json/list", timeout=2).read())
                page = next(p for p in pages if p["type"] == "page")
                break
            except (OSError, StopIteration):
                time.sleep(0.2)
        else:
            raise RuntimeError("Chromium did not start")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.ids = 0

    def send(self, method, **params):
        self.ids += 1
        self.socket.send(json.dumps({"id": self.ids, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.ids:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def shoot(self, url, size, cookie, selector, path):
        width, height = size
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=width < 600)
        self.send("Network.clearBrowserCookies")
        if cookie:
            self.send("Network.setCookie", name="session_id", value=cookie, url=url)
        self.send("Page.navigate", url=url)
        script = f"!!document.querySelector({json.dumps(selector)})"
        for _ in range(120):
            time.sleep(0.5)
            found = self.send("Runtime.evaluate", expression=script)["result"].get("value")
            if found:
                break
        else:
            raise RuntimeError(f"{url}: {selector} never appeared")
        time.sleep(1.5)  # the figures arrive just after the view
        # this server runs without its long-polling process: its bus warns that the
        # page is out of date, which is not the screen's
        self.send("Runtime.evaluate", expression=(
            "document.querySelectorAll('.o_notification_manager .o_notification')"
            ".forEach((n) => n.remove())"))
        shot = self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--only", action="append", help="a role's file name (repeatable)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    roles = [role for role in ROLES if not args.only or role[0] in args.only]
    with OdooServer(args.config, args.database, workers=0,
                    extra_args=[f"--db-filter=^{args.database}$"]) as server:
        browser = Chromium()
        try:
            for name, login, page, size, selector in roles:
                cookie = login and session_cookie(server.url, args.database, login)
                path = OUT / f"{name}.png"
                browser.shoot(server.url + page, size, cookie, selector, path)
                print(f"{path.relative_to(OUT.parent.parent)}: {login or 'anonymous'} {page}")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
