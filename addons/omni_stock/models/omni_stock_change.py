"""Availability change feed: which products' channel ATS may have changed.

PostgreSQL triggers append a row per statement and product to
``omni_stock_change`` whenever stock quants, stock moves, holds, channels,
their rules or sources, location statuses, or a product's SKU or archiving
change: nothing in Python can forget to tell the feed. A row without a
product means "every product" (a rule changed); a row without a channel
concerns every channel; a hold's row names its channel, and reaches the
channels that share a source with it. A row with ``removed_sku`` tells that
this SKU is no longer sold (renamed or archived).

Reading uses at-least-once semantics. Row ids are allocated before their
transaction commits, so a row with a smaller id than one already handed out
may become visible later: only a transaction still running when the cursor
was read can do that. A cursor therefore remembers the last id seen and the
transactions running at that moment (``pg_snapshot_xip``, or, when there are
more than ``MAX_RUNNING`` of them, the oldest, ``pg_snapshot_xmin``); the next
read returns the rows after that id *and* the rows those transactions wrote (a
small overlap, re-delivered). A long transaction elsewhere in the cluster
therefore costs nothing.
Holds whose expiry passed since the previous read are reported as well, even
before the expiry job runs.

Rows older than the retention (``omni_stock.change_retention_days``, default 7)
are purged; a cursor pointing before the purge gets ``cursor_expired`` and must
restart with a full read.
"""

import base64
import json

from odoo import api, fields, models
from odoo.tools import SQL

from ..exceptions import OmniError
from ..tools.params import positive_int_param

MAX_PAGE = 1000
DEFAULT_PAGE = 500
DEFAULT_RETENTION_DAYS = 7
MAX_RUNNING = 200
POSITION_KEYS = ("last_id", "xmin", "running", "since")
# where a delta round keeps the position it reads up to
UPTO_KEYS = {"last_id": "upto_id", "xmin": "upto_xmin", "running": "upto_running",
             "since": "upto"}
PURGED_PARAM = "omni_stock.change_purged_upto"

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION omni_stock_change_record(product_ids integer[], channel integer)
RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO omni_stock_change (product_id, channel_id, create_date, txid)
    SELECT DISTINCT p, channel, now() AT TIME ZONE 'UTC', pg_current_xact_id()
      FROM unnest(product_ids) p
$fn$;

-- a hold changes the ATS of its channel (and of channels sharing its sources)
CREATE OR REPLACE FUNCTION omni_stock_change_holds() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO omni_stock_change (product_id, channel_id, create_date, txid)
        SELECT DISTINCT n.product_id, n.channel_id, now() AT TIME ZONE 'UTC',
               pg_current_xact_id()
          FROM new_rows n;
    ELSE
        INSERT INTO omni_stock_change (product_id, channel_id, create_date, txid)
        SELECT DISTINCT n.product_id, n.channel_id, now() AT TIME ZONE 'UTC',
               pg_current_xact_id()
          FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.state, n.quantity, n.expires_at)
               IS DISTINCT FROM (o.state, o.quantity, o.expires_at);
    END IF;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION omni_stock_change_holds_deleted() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO omni_stock_change (product_id, channel_id, create_date, txid)
    SELECT DISTINCT o.product_id, o.channel_id, now() AT TIME ZONE 'UTC',
           pg_current_xact_id()
      FROM old_rows o;
    RETURN NULL;
END
$fn$;

-- a product archived, restored or given another SKU
CREATE OR REPLACE FUNCTION omni_stock_change_catalog() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO omni_stock_change (product_id, channel_id, create_date, txid, removed_sku)
    SELECT n.id, NULL, now() AT TIME ZONE 'UTC', pg_current_xact_id(),
           CASE WHEN o.default_code IS NOT NULL
                 AND (o.default_code IS DISTINCT FROM n.default_code OR NOT n.active)
                THEN o.default_code END
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE (n.active, n.default_code) IS DISTINCT FROM (o.active, o.default_code);
    RETURN NULL;
END
$fn$;

-- a product template's category, unit, storability or company: its variants (rules by
-- category, the promise's rounding, the catalog)
CREATE OR REPLACE FUNCTION omni_stock_change_template() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM omni_stock_change_record(ARRAY(
        SELECT pp.id FROM new_rows n JOIN old_rows o ON o.id = n.id
          JOIN product_product pp ON pp.product_tmpl_id = n.id
         WHERE (n.categ_id, n.uom_id, n.is_storable, n.company_id)
               IS DISTINCT FROM (o.categ_id, o.uom_id, o.is_storable, o.company_id)), NULL);
    RETURN NULL;
END
$fn$;

-- every product of a channel (channel rules and sources), or of every channel
CREATE OR REPLACE FUNCTION omni_stock_change_channel() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    rec record;
BEGIN
    rec := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    IF TG_TABLE_NAME = 'omni_channel' THEN
        PERFORM omni_stock_change_record(ARRAY[NULL]::integer[], rec.id);
    ELSIF TG_TABLE_NAME = 'omni_channel_safety_rule' THEN
        PERFORM omni_stock_change_record(ARRAY[NULL]::integer[], rec.channel_id);
    ELSIF TG_TABLE_NAME = 'stock_location' THEN
        IF (NEW.omni_status, NEW.omni_accuracy, NEW.location_id, NEW.usage, NEW.active)
           IS DISTINCT FROM (OLD.omni_status, OLD.omni_accuracy, OLD.location_id, OLD.usage,
                             OLD.active) THEN
            PERFORM omni_stock_change_record(ARRAY[NULL]::integer[], NULL);
        END IF;
    ELSE  -- omni_channel_stock_*_rel
        PERFORM omni_stock_change_record(ARRAY[NULL]::integer[], rec.omni_channel_id);
    END IF;
    RETURN NULL;
END
$fn$;
"""

# (table, columns): the products of rows written, removed, or rewritten in one of the
# columns (``_create_product_triggers``)
PRODUCT_TRIGGERS = (
    ("stock_quant", ("product_id", "location_id", "quantity", "reserved_quantity")),
    ("stock_move", ("product_id", "state", "product_qty", "date", "location_id",
                    "location_dest_id", "location_final_id")),
)
# (table, function, events): statement-level triggers with transition tables
STATEMENT_TRIGGERS = (
    ("omni_stock_hold", "omni_stock_change_holds", ("INSERT", "UPDATE")),
    ("omni_stock_hold", "omni_stock_change_holds_deleted", ("DELETE",)),
    ("product_product", "omni_stock_change_catalog", ("UPDATE",)),
    ("product_template", "omni_stock_change_template", ("UPDATE",)),
)
# (table, columns): every product when an update changes one of the columns
# (``_create_everything_triggers``): a category moved, a unit's rounding changed
EVERYTHING_TRIGGERS = (
    ("product_category", ("parent_path",)),
    ("uom_uom", ("rounding", "category_id")),
)
TRANSITION_TABLES = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}
CHANNEL_TRIGGERS = (
    ("omni_channel", "UPDATE"),
    ("omni_channel_safety_rule", "INSERT OR UPDATE OR DELETE"),
    ("omni_channel_stock_warehouse_rel", "INSERT OR DELETE"),
    ("omni_channel_stock_location_rel", "INSERT OR DELETE"),
    ("stock_location", "UPDATE"),
)

# the keys of a cursor's state and their types
CURSOR_KEYS = {
    "mode": str,  # "full": listing every product; "delta": listing changes
    "after": int,  # the last product id of the previous page (0: first page)
    "last_id": int,  # the feed position reached by the previous round
    "xmin": str,  # the oldest transaction running then (its rows may show up later)
    "running": list,  # the transactions running then, when there were few
    "since": str,  # when that round was read (hold expiries are reported after it)
    "upto_id": int,  # the position the current round reads up to (delta mode, paging)
    "upto_xmin": str,
    "upto_running": list,
    "upto": str,
}


def encode_cursor(state):
    raw = json.dumps(state, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    """The state of an opaque cursor, or ``None`` when it is not one of ours."""
    if not isinstance(cursor, str) or len(cursor) > 1024:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        state = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not isinstance(state, dict) or not set(state) <= set(CURSOR_KEYS):
        return None
    required = {"mode", "last_id", "xmin", "since"}
    if not required <= set(state) or state["mode"] not in ("full", "delta"):
        return None
    for key, value in state.items():
        kind = CURSOR_KEYS[key]
        if kind is int and (type(value) is not int or not 0 <= value < 2**63):
            return None
        if kind is str and not isinstance(value, str):
            return None
        if kind is list and not (
                isinstance(value, list) and len(value) <= MAX_RUNNING
                and all(isinstance(x, str) and x.isdigit() and len(x) <= 20 for x in value)):
            return None
    for key in ("xmin", "upto_xmin"):
        if key in state and not (state[key].isdigit() and len(state[key]) <= 20):
            return None
    for key in ("since", "upto"):
        if key in state:
            try:
                if not fields.Datetime.to_datetime(state[key]):
                    return None
            except (ValueError, TypeError):
                return None
    if ("upto_id" in state) != ("upto" in state) or ("upto" in state) != ("upto_xmin" in state):
        return None
    return state


class OmniStockChange(models.Model):
    """A product (or channel) whose ATS may have changed, and the transaction that did it."""

    _name = "omni.stock.change"
    _description = "Availability Change"
    _order = "id"
    _log_access = False

    product_id = fields.Integer(index=True, help="Empty: every product.")
    channel_id = fields.Integer(help="Empty: every channel.")
    removed_sku = fields.Char(help="This SKU is no longer sold (renamed or archived).")
    create_date = fields.Datetime(default=fields.Datetime.now)

    def init(self):
        cr = self.env.cr
        cr.execute("""
            ALTER TABLE omni_stock_change
              ADD COLUMN IF NOT EXISTS txid xid8 NOT NULL DEFAULT pg_current_xact_id();
            CREATE INDEX IF NOT EXISTS omni_stock_change_txid_index ON omni_stock_change (txid);
        """)
        cr.execute(TRIGGER_SQL)
        for table in ("stock_quant", "stock_move", "omni_stock_hold"):  # before 18.0.1.1
            for event in ("insert", "update", "delete"):
                cr.execute(SQL("DROP TRIGGER IF EXISTS %s ON %s",
                               SQL.identifier(f"omni_stock_change_{event}"),
                               SQL.identifier(table)))
        # before 18.0.1.3: one function for quants and moves, one for categories and
        # units (and their triggers)
        cr.execute("DROP FUNCTION IF EXISTS omni_stock_change_products() CASCADE;"
                   " DROP FUNCTION IF EXISTS omni_stock_change_everything() CASCADE")
        for table, columns in PRODUCT_TRIGGERS:
            self._create_product_triggers(table, columns)
        for table, columns in EVERYTHING_TRIGGERS:
            self._create_everything_triggers(table, columns)
        for table, function, events in STATEMENT_TRIGGERS:
            self._create_statement_triggers(table, function, events)
        for table, events in CHANNEL_TRIGGERS:
            cr.execute(SQL(
                "DROP TRIGGER IF EXISTS omni_stock_change_channel ON %(table)s;"
                " CREATE TRIGGER omni_stock_change_channel AFTER %(events)s ON %(table)s"
                " FOR EACH ROW EXECUTE FUNCTION omni_stock_change_channel();",
                table=SQL.identifier(table), events=SQL(events),
            ))

    @api.model
    def _rows_changed_sql(self, columns):
        """The condition of the triggers' UPDATE branches: a row (``n`` new, ``o`` old)
        whose ``columns`` changed."""
        return SQL(
            "ROW(%s) IS DISTINCT FROM ROW(%s)",
            SQL(", ").join(SQL.identifier("n", column) for column in columns),
            SQL(", ").join(SQL.identifier("o", column) for column in columns),
        )

    @api.model
    def _create_product_triggers(self, table, columns):
        """(Re)create the feed's triggers of ``table`` (a table with a ``product_id``):
        the products of its rows inserted or deleted, and of its rows updated in one
        of ``columns`` (their product before and after). One function,
        ``omni_stock_change_rows_<table>``, run by a trigger per event."""
        function = f"omni_stock_change_rows_{table}"
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM omni_stock_change_record(
                        ARRAY(SELECT DISTINCT product_id FROM new_rows), NULL);
                ELSIF TG_OP = 'DELETE' THEN
                    PERFORM omni_stock_change_record(
                        ARRAY(SELECT DISTINCT product_id FROM old_rows), NULL);
                ELSE
                    PERFORM omni_stock_change_record(ARRAY(
                        SELECT DISTINCT x.product_id
                          FROM new_rows n JOIN old_rows o ON o.id = n.id,
                               LATERAL (VALUES (n.product_id), (o.product_id)) x(product_id)
                         WHERE %(changed)s), NULL);
                END IF;
                RETURN NULL;
            END
            $fn$;
            """,
            function=SQL.identifier(function), changed=self._rows_changed_sql(columns),
        ))
        self._create_statement_triggers(table, function, ("INSERT", "UPDATE", "DELETE"))

    @api.model
    def _create_everything_triggers(self, table, columns):
        """(Re)create the feed's trigger of ``table`` whose rows decide the figures of
        every product (a category's place in the tree, a POS's source...): an update
        changing one of ``columns`` names every product. One function,
        ``omni_stock_change_all_<table>``."""
        function = f"omni_stock_change_all_{table}"
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            BEGIN
                IF EXISTS(SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
                           WHERE %(changed)s) THEN
                    PERFORM omni_stock_change_record(ARRAY[NULL]::integer[], NULL);
                END IF;
                RETURN NULL;
            END
            $fn$;
            """,
            function=SQL.identifier(function), changed=self._rows_changed_sql(columns),
        ))
        self._create_statement_triggers(table, function, ("UPDATE",))

    def _create_statement_triggers(self, table, function, events):
        """(Re)create the statement triggers ``<function>_<event>`` running ``function``
        after each of ``events`` on ``table``, with the rows as transition tables
        (``new_rows``, ``old_rows``): how every part of ATS tells the feed."""
        for event in events:
            self.env.cr.execute(SQL(
                "DROP TRIGGER IF EXISTS %(name)s ON %(table)s;"
                " CREATE TRIGGER %(name)s AFTER %(event)s ON %(table)s"
                " REFERENCING %(refs)s"
                " FOR EACH STATEMENT EXECUTE FUNCTION %(function)s();",
                name=SQL.identifier(f"{function}_{event.lower()}"),
                table=SQL.identifier(table), event=SQL(event),
                refs=SQL(TRANSITION_TABLES[event]), function=SQL.identifier(function),
            ))

    # ------------------------------------------------------------------ reading

    @api.model
    def _position(self):
        """Where the feed stands in this transaction's snapshot."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            SELECT (SELECT COALESCE(MAX(id), 0) FROM omni_stock_change),
                   pg_snapshot_xmin(pg_current_snapshot())::text,
                   ARRAY(SELECT x::text FROM pg_snapshot_xip(pg_current_snapshot()) x
                          LIMIT %s),
                   statement_timestamp() AT TIME ZONE 'UTC'
            """, MAX_RUNNING + 1))
        last_id, xmin, running, now = self.env.cr.fetchone()
        position = {"last_id": last_id, "xmin": xmin, "since": fields.Datetime.to_string(now)}
        if len(running) <= MAX_RUNNING:
            position["running"] = running
        return position

    @api.model
    def _channel_products(self, channel):
        return [
            ("is_storable", "=", True),
            ("default_code", "!=", False),
            ("company_id", "in", [False, channel.company_id.id]),
        ]

    @api.model
    def _changes(self, channel, state):
        """``(product ids or None for "every product", removed SKUs)`` between the
        cursor's position and the round's bound (``upto_*``)."""
        sharing = channel._sharing_channels().ids
        self.env.cr.execute(SQL(
            """
            SELECT DISTINCT product_id, removed_sku
              FROM omni_stock_change
             WHERE (channel_id IS NULL OR channel_id = ANY(%(sharing)s))
               AND ((id > %(after)s AND id <= %(upto)s)
                    OR (id <= %(after)s AND %(late)s
                        -- rows of this very transaction cannot show up later
                        AND txid IS DISTINCT FROM pg_current_xact_id_if_assigned()))
            UNION
            SELECT product_id, NULL FROM omni_stock_hold
             WHERE channel_id = ANY(%(sharing)s)
               AND expires_at > %(since)s AND expires_at <= %(until)s
            """,
            sharing=sharing, after=state["last_id"], upto=state["upto_id"],
            late=SQL("txid = ANY(%s::xid8[])", state["running"]) if "running" in state
            else SQL("txid >= %s::xid8", state["xmin"]),
            since=state["since"], until=state["upto"],
        ))
        rows = self.env.cr.fetchall()
        removed = sorted({sku for _product, sku in rows if sku})
        ids = {product for product, _sku in rows}
        if None in ids:
            return None, removed
        return sorted(pid for pid in ids if pid), removed

    @api.model
    def _check_limit(self, limit):
        """The page size asked for (``None``: the default), as an int."""
        if limit is None or limit == "":
            return DEFAULT_PAGE
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            limit = 0
        if not 1 <= limit <= MAX_PAGE:
            raise OmniError("invalid_payload", self.env._(
                "limit must be an integer between 1 and %s.", MAX_PAGE))
        return limit

    @api.model
    def _check_cursor(self, cursor):
        """The state of ``cursor``; refuses foreign and expired cursors."""
        state = decode_cursor(cursor)
        if state is None:
            raise OmniError("invalid_cursor", self.env._("This cursor is not valid."))
        # earned: no check needed: the feed's purge position, a system parameter
        purged = int(self.env["ir.config_parameter"].sudo().get_param(PURGED_PARAM) or 0)
        if state["last_id"] < purged:
            raise OmniError("cursor_expired", self.env._(
                "This cursor is older than the feed's retention of %s days: restart with a "
                "full read (call without cursor).", self._retention_days()))
        return state

    @api.model
    def read_feed(self, channel, cursor=None, limit=None):
        """One page of the change feed of ``channel``.

        :param cursor: ``None`` for a first, full listing, or the ``next_cursor``
            of a previous page.
        :return: ``{"products": product.product, "removed": [sku], "next_cursor":
            str, "has_more": bool, "full": bool}``
        :raise OmniError: ``invalid_cursor``, ``cursor_expired``, ``invalid_payload``.
        """
        channel.ensure_one()
        limit = self._check_limit(limit)
        Product = self.env["product.product"].with_context(active_test=True)
        now = self._position()
        state = {"mode": "full", "after": 0, **now} if cursor is None else \
            self._check_cursor(cursor)
        removed = []
        if state["mode"] == "delta":
            if "upto_id" not in state:  # a new round: changes up to now
                state.update(after=0, **{UPTO_KEYS[key]: value for key, value in now.items()})
            changed, removed = self._changes(channel, state)
            if changed is None:  # a rule changed: list everything again
                state = {"mode": "full", "after": 0, **self._round_end(state)}
            else:
                pending = [pid for pid in changed if pid > state.get("after", 0)]
                products = Product.search(
                    self._channel_products(channel) + [("id", "in", pending[:limit])],
                    order="id")
                if len(pending) > limit:
                    state["after"] = pending[limit - 1]
                    return self._page(products, removed, state, True, False)
                done = {"mode": "delta", **self._round_end(state)}
                return self._page(products, removed, done, False, False)
        products = Product.search(
            self._channel_products(channel) + [("id", ">", state.get("after", 0))],
            order="id", limit=limit + 1)
        if len(products) > limit:
            products = products[:limit]
            state["after"] = products[-1].id
            return self._page(products, removed, state, True, True)
        done = {"mode": "delta", **{key: state[key] for key in POSITION_KEYS if key in state}}
        return self._page(products, removed, done, False, True)

    @api.model
    def _round_end(self, state):
        """The position a delta round read up to, as the start of the next one."""
        return {key: state[UPTO_KEYS[key]] for key in POSITION_KEYS if UPTO_KEYS[key] in state}

    @api.model
    def _page(self, products, removed, state, has_more, full):
        current = set(products.mapped("default_code"))
        return {"products": products, "removed": [sku for sku in removed if sku not in current],
                "next_cursor": encode_cursor(state), "has_more": has_more, "full": full}

    # ------------------------------------------------------------------ retention

    @api.model
    def _retention_days(self):
        return positive_int_param(
            self.env, "omni_stock.change_retention_days", DEFAULT_RETENTION_DAYS)

    @api.autovacuum
    def _gc_changes(self):
        """Forget changes older than the retention; cursors before them expire."""
        self.env.cr.execute(SQL(
            """
            WITH gone AS (
                DELETE FROM omni_stock_change
                 WHERE create_date < (now() AT TIME ZONE 'UTC') - make_interval(days => %s)
             RETURNING id)
            SELECT MAX(id) FROM gone
            """,
            self._retention_days(),
        ))
        purged = self.env.cr.fetchone()[0]
        if purged:
            # earned: the autovacuum's (a cron; private)
            params = self.env["ir.config_parameter"].sudo()
            if purged > int(params.get_param(PURGED_PARAM) or 0):
                params.set_param(PURGED_PARAM, str(purged))
