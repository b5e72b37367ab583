"""Tiny database helper for the Makefile: ``dbctl.py -c CONF exists|drop DB``.

Uses Odoo's own connection settings, so it works with any ``ODOO_RC``.
"""

import argparse
import shutil
import sys

import odoo
from odoo import sql_db
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
        sql_db.close_db(args.database)
        with sql_db.db_connect("postgres").cursor() as cr:
            cr._cnx.autocommit = True
            cr.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        shutil.rmtree(odoo.tools.config.filestore(args.database), ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
