"""Tiny database helper for the Makefile: ``dbctl.py -c CONF exists|drop DB``.

Uses Odoo's own connection settings, so it works with any ``ODOO_RC``.
"""

import argparse
import sys

import odoo
from odoo.service import db


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("command", choices=("exists", "drop"))
    parser.add_argument("database")
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config])
    exists = db.exp_db_exist(args.database)
    if args.command == "exists":
        return 0 if exists else 1
    if exists:
        db.exp_drop(args.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
