"""Print a fresh API key of the integration user of a channel (``make api-key``).

Usage: api_key.py -c CONF -d DB --channel CODE [--days N]

Creates the integration user ``omni-api-<code>`` of the channel when missing
(a portal user of the group Omnichannel / Integration, with no rights of its own,
whose ``omni_channel_id`` is the channel), generates a new API key (scope
``omni_stock_api``: this API only) and prints only the key.
"""

import argparse
import datetime
import logging
import sys

import odoo
from odoo import SUPERUSER_ID, api


def generate_key(env, channel_code, days=None, name="make api-key"):
    """A new API key for the integration user of the channel ``channel_code``."""
    channel = env["omni.channel"].search([("code", "=", channel_code)], limit=1)
    if not channel:
        raise SystemExit(f"no channel with code {channel_code!r}")
    expiration = (datetime.datetime.now() + datetime.timedelta(days=days)) if days else None
    return channel._omni_new_api_key(name, expiration)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--channel", required=True, help="code of the channel")
    parser.add_argument("--days", type=int, default=None,
                        help="expire the key after N days (default: never)")
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    logging.getLogger("odoo").setLevel(logging.WARNING)
    with odoo.modules.registry.Registry(args.database).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        key = generate_key(env, args.channel, args.days)
    print(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
