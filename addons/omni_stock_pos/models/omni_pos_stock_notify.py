"""Live stock in open POS: changed ATS sent over Odoo's bus to the open POS of the
stores whose figures changed, one message per POS with every changed product.

Trigger: the suite's change feed (``omni_stock_change``, written by PostgreSQL
triggers, so no stock path can forget it). A request whose transaction wrote feed
rows wakes the job ``omni_stock_pos.ir_cron_pos_stock_notify`` right after its
commit (``ir.cron._trigger``: the cron runners listen for it), and the job also
runs every minute for changes made outside requests (other jobs, scripts) and
for stores going offline or coming back. A job, not a post-commit hook of the
writer: the ATS of every open POS is computed off the cashier's or the web
customer's request, in a transaction of its own, retried by the cron runner if it
fails, and never twice at once (cron jobs are locked).

What each POS already shows is kept in ``omni_stock_pos_badge`` (written when
the POS loads its badges and after each message): a product is sent only when
its ATS for that store differs, and only for the products the POS has loaded.
"""

import json

from odoo import api, fields, models
from odoo.tools import SQL

from .omni_ats import OPEN_SESSION_STATES

POSITION_PARAM = "omni_stock_pos.notify_position"
OFFLINE_PARAM = "omni_stock_pos.offline_sessions"
MESSAGE = "OMNI_STOCK"


class OmniPosStockNotify(models.AbstractModel):
    _name = "omni.pos.stock.notify"
    _description = "POS Live Stock Notifier"

    def init(self):
        cr = self.env.cr
        Change = self.env["omni.stock.change"]
        # sales of "at closing" sessions change ATS with no stock row: the feed hears
        # of the lines themselves (written, rewritten or removed); before 18.0.1.1, a
        # function of its own and no update trigger
        cr.execute("DROP FUNCTION IF EXISTS omni_stock_pos_change_lines() CASCADE")
        Change._create_product_triggers("pos_order_line", ("product_id", "qty", "order_id"))
        # an order paid or shipped later, a session opened or closed: their lines'
        # products (what the "at closing" part withholds changes with no line written)
        cr.execute("""
            CREATE OR REPLACE FUNCTION omni_stock_pos_change_orders() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_TABLE_NAME = 'pos_order' THEN
                    PERFORM omni_stock_change_record(ARRAY(
                        SELECT DISTINCT l.product_id
                          FROM new_rows n JOIN old_rows o ON o.id = n.id
                          JOIN pos_order_line l ON l.order_id = n.id
                         WHERE (n.state, n.shipping_date, n.session_id)
                               IS DISTINCT FROM (o.state, o.shipping_date, o.session_id)),
                        NULL);
                ELSE
                    PERFORM omni_stock_change_record(ARRAY(
                        SELECT DISTINCT l.product_id
                          FROM new_rows n JOIN old_rows o ON o.id = n.id
                          JOIN pos_order po ON po.session_id = n.id
                          JOIN pos_order_line l ON l.order_id = po.id
                         WHERE (n.state, n.update_stock_at_closing)
                               IS DISTINCT FROM (o.state, o.update_stock_at_closing)), NULL);
                END IF;
                RETURN NULL;
            END
            $fn$;
        """)
        for table in ("pos_order", "pos_session"):
            cr.execute(SQL(
                "DROP TRIGGER IF EXISTS omni_stock_pos_change_orders ON %(table)s;"
                " CREATE TRIGGER omni_stock_pos_change_orders AFTER UPDATE ON %(table)s"
                " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
                " FOR EACH STATEMENT EXECUTE FUNCTION omni_stock_pos_change_orders();",
                table=SQL.identifier(table)))
        # a POS given another operation type, or its type another source: what every
        # open session withholds moves to other locations (every product)
        Change._create_everything_triggers("pos_config", ("picking_type_id",))
        Change._create_everything_triggers(
            "stock_picking_type", ("default_location_src_id", "warehouse_id"))
        cr.execute("""
            CREATE TABLE IF NOT EXISTS omni_stock_pos_badge (
                config_id integer NOT NULL REFERENCES pos_config(id) ON DELETE CASCADE,
                product_id integer NOT NULL REFERENCES product_product(id) ON DELETE CASCADE,
                ats double precision NOT NULL,
                PRIMARY KEY (config_id, product_id)
            )
        """)

    @api.model
    def _remember(self, config, badges):
        """``badges`` (``{product_id: ats}``) are what ``config`` shows now."""
        if not badges:
            return
        self.env.cr.execute(SQL(
            """
            INSERT INTO omni_stock_pos_badge (config_id, product_id, ats)
            SELECT %(config)s, p, a FROM unnest(%(products)s::int[], %(ats)s::float8[]) t(p, a)
            ON CONFLICT (config_id, product_id) DO UPDATE SET ats = EXCLUDED.ats
            """,
            config=config.id, products=list(badges), ats=list(badges.values()),
        ))

    @api.model
    def _shown(self, config, product_ids):
        """``{product_id: ats}`` ``config`` shows, of ``product_ids`` (``None``: all)."""
        self.env.cr.execute(SQL(
            "SELECT product_id, ats FROM omni_stock_pos_badge WHERE config_id = %s %s",
            config.id,
            SQL("AND product_id = ANY(%s)", product_ids) if product_ids is not None else SQL(),
        ))
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------------ the feed

    @api.model
    def _read_changes(self):
        """Products changed since the previous run (``None``: every product), and
        the position to store once they are sent. At-least-once, as the feed's
        readers: rows of transactions running at the previous read are read again."""
        Change = self.env["omni.stock.change"]
        now = Change._position()
        # earned: the POS stock job's (a cron; private)
        raw = self.env["ir.config_parameter"].sudo().get_param(POSITION_PARAM)
        if not raw:
            return [], now
        state = json.loads(raw)
        late = SQL("txid = ANY(%s::xid8[])", state["running"]) if "running" in state \
            else SQL("txid >= %s::xid8", state["xmin"])
        self.env.cr.execute(SQL(
            """
            SELECT DISTINCT product_id FROM omni_stock_change
             WHERE (id > %(after)s AND id <= %(upto)s) OR (id <= %(after)s AND %(late)s)
            """,
            after=state["last_id"], upto=now["last_id"], late=late,
        ))
        ids = {row[0] for row in self.env.cr.fetchall()}
        if None in ids:
            return None, now
        return sorted(ids), now

    @api.model
    def _store_position(self, position):
        # earned: the POS stock job's (a cron; private)
        self.env["ir.config_parameter"].sudo().set_param(POSITION_PARAM, json.dumps(
            {key: position[key] for key in ("last_id", "xmin", "running") if key in position}))

    # ------------------------------------------------------------------ offline stores

    @api.model
    def _record_offline_changes(self):
        """Stores going offline or coming back change the other channels' ATS with no
        row written: tell the change feed about their products."""
        Ats = self.env["omni.ats"]
        self.env.flush_all()
        self.env.cr.execute(SQL(
            "SELECT DISTINCT view_location_id FROM (%s) st",
            Ats._pos_stale_sessions_sql(fields.Datetime.now())))
        offline = sorted(row[0] for row in self.env.cr.fetchall())
        # earned: the POS stock job's (a cron; private)
        params = self.env["ir.config_parameter"].sudo()
        before = json.loads(params.get_param(OFFLINE_PARAM) or "[]")
        changed = sorted(set(offline) ^ set(before))
        if not changed:
            return
        self.env.cr.execute(SQL(
            """
            SELECT omni_stock_change_record(ARRAY(
                SELECT DISTINCT q.product_id
                  FROM stock_location root
                  JOIN stock_location loc ON starts_with(loc.parent_path, root.parent_path)
                  JOIN stock_quant q ON q.location_id = loc.id
                 WHERE root.id = ANY(%s)), NULL)
            """, changed))
        params.set_param(OFFLINE_PARAM, json.dumps(offline))

    # ------------------------------------------------------------------ sending

    @api.model
    def _open_configs(self):
        # earned: the POS stock job's (a cron; private)
        return self.env["pos.config"].sudo().search([
            ("omni_channel_id", "!=", False),
            ("session_ids.state", "in", list(OPEN_SESSION_STATES)),
        ])

    @api.model
    def _notify_changes(self, product_ids):
        """Send each open POS the products of ``product_ids`` (``None``: all) whose
        store ATS differs from what it shows. :return: ``{config: {product: ats}}``."""
        sent = {}
        for config in self._open_configs():
            shown = self._shown(config, product_ids)
            if not shown:
                continue
            config = config.with_company(config.company_id)
            badges = config._omni_badges(list(shown))
            changed = {pid: ats for pid, ats in badges.items() if shown.get(pid) != ats}
            if not changed:
                continue
            config._notify(MESSAGE, {str(pid): ats for pid, ats in changed.items()})
            self._remember(config, changed)
            sent[config] = changed
        return sent

    @api.model
    def _cron_notify(self):
        """Send the changes of the feed since the previous run to the open POS."""
        self._record_offline_changes()
        product_ids, position = self._read_changes()
        if product_ids is None or product_ids:
            self._notify_changes(product_ids)
        self._store_position(position)

    @api.model
    def _wake_if_changed(self):
        """Wake the job when this transaction wrote to the change feed."""
        cr = self.env.cr
        cr.execute("SELECT pg_current_xact_id_if_assigned()::text")
        txid = cr.fetchone()[0]
        if not txid:
            return
        self.env.flush_all()
        cr.execute(SQL(
            "SELECT EXISTS(SELECT 1 FROM omni_stock_change WHERE txid = %s::xid8)", txid))
        if cr.fetchone()[0]:
            # earned: no check needed: only wakes the POS stock job, whoever wrote the feed
            self.env.ref("omni_stock_pos.ir_cron_pos_stock_notify").sudo()._trigger()
