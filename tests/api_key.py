"""Print a fresh API key of the integration user of a channel (``make api-key``).

Usage: api_key.py -c CONF -d DB --channel CODE [--days N]

Creates the integration user ``omni-api-<code>`` of the channel when missing
(an internal user with the Omnichannel User group whose ``omni_channel_id`` is
the channel), generates a new API key for it and prints only the key.
"""

import argparse
import datetime
import logging
import sys

import odoo
from odoo import SUPERUSER_ID, api


def integration_user(env, channel):
    """The integration user of ``channel``, created when missing."""
    user = env["res.users"].with_context(active_test=False).search(
        [("omni_channel_id", "=", channel.id)], limit=1)
    if not user:
        user = env["res.users"].with_context(no_reset_password=True).create({
            "name": f"API {channel.name}",
            "login": f"omni-api-{channel.code}",
            "company_id": channel.company_id.id,
            "company_ids": [(6, 0, channel.company_id.ids)],
            "omni_channel_id": channel.id,
            "groups_id": [(6, 0, [env.ref("base.group_user").id,
                                  env.ref("omni_stock.group_omni_user").id])],
        })
    user.active = True
    return user


def generate_key(env, channel_code, days=None, name="make api-key"):
    """A new API key for the integration user of the channel ``channel_code``."""
    channel = env["omni.channel"].search([("code", "=", channel_code)], limit=1)
    if not channel:
        raise SystemExit(f"no channel with code {channel_code!r}")
    user = integration_user(env, channel)
    expiration = (datetime.datetime.now() + datetime.timedelta(days=days)) if days else None
    return env["res.users.apikeys"].with_user(user).sudo()._generate("rpc", name, expiration)


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
