"""Availability change feed: which products' channel ATS may have changed.

PostgreSQL triggers append a row per statement and product to
``omni_stock_change`` whenever stock quants, stock moves, holds, channels,
their rules or sources, or location statuses change: nothing in Python can
forget to tell the feed.  A row without a product means "every product" (a
rule changed); a row without a channel concerns every channel.

Reading uses at-least-once semantics.  Row ids are allocated before their
transaction commits, so a row with a smaller id than one already handed out
may become visible later.  A cursor therefore remembers both the last id seen
and the oldest transaction still running when it was read
(``pg_snapshot_xmin``); the next read returns the rows after that id *and* the
rows of transactions not older than that xmin (a small overlap, re-delivered).
Holds whose expiry passed since the previous read are reported as well, even
before the expiry job runs.
"""

import base64
import json

from odoo import api, fields, models
from odoo.tools import SQL

FEED_TABLE = "omni_stock_change"
MAX_PAGE = 1000
DEFAULT_PAGE = 500

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION omni_stock_change_record(product_ids integer[], channel integer)
RETURNS void LANGUAGE sql AS $fn$
    INSERT INTO omni_stock_change (product_id, channel_id, create_date, txid)
    SELECT DISTINCT p, channel, now() AT TIME ZONE 'UTC', pg_current_xact_id()
      FROM unnest(product_ids) p
$fn$;

-- products of changed rows; statement-level triggers with transition tables
CREATE OR REPLACE FUNCTION omni_stock_change_products() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM omni_stock_change_record(
            ARRAY(SELECT DISTINCT product_id FROM new_rows), NULL);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM omni_stock_change_record(
            ARRAY(SELECT DISTINCT product_id FROM old_rows), NULL);
    ELSIF TG_TABLE_NAME = 'stock_quant' THEN
        PERFORM omni_stock_change_record(ARRAY(
            SELECT DISTINCT n.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.product_id, n.location_id, n.quantity, n.reserved_quantity)
                   IS DISTINCT FROM (o.product_id, o.location_id, o.quantity, o.reserved_quantity)
            UNION SELECT o.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE n.product_id <> o.product_id), NULL);
    ELSIF TG_TABLE_NAME = 'stock_move' THEN
        PERFORM omni_stock_change_record(ARRAY(
            SELECT DISTINCT n.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.product_id, n.state, n.product_qty, n.date, n.location_id,
                    n.location_dest_id)
                   IS DISTINCT FROM (o.product_id, o.state, o.product_qty, o.date,
                                     o.location_id, o.location_dest_id)
            UNION SELECT o.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE n.product_id <> o.product_id), NULL);
    ELSE  -- omni_stock_hold
        PERFORM omni_stock_change_record(ARRAY(
            SELECT DISTINCT n.product_id FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.state, n.quantity, n.expires_at)
                   IS DISTINCT FROM (o.state, o.quantity, o.expires_at)), NULL);
    END IF;
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

PRODUCT_TRIGGERS = ("stock_quant", "stock_move", "omni_stock_hold")
CHANNEL_TRIGGERS = (
    ("omni_channel", "UPDATE"),
    ("omni_channel_safety_rule", "INSERT OR UPDATE OR DELETE"),
    ("omni_channel_stock_warehouse_rel", "INSERT OR DELETE"),
    ("omni_channel_stock_location_rel", "INSERT OR DELETE"),
    ("stock_location", "UPDATE"),
)


def encode_cursor(state):
    raw = json.dumps(state, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    """The state of an opaque cursor, or ``None`` when it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        state = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not isinstance(state, dict) or state.get("m") not in ("f", "d"):
        return None
    for key in ("i", "a", "u"):
        if not isinstance(state.get(key, 0), int) or state.get(key, 0) < 0:
            return None
    for key in ("x", "ux"):
        if key in state and not str(state[key]).isdigit():
            return None
    for key in ("t", "ut"):
        if key in state:
            try:
                fields.Datetime.to_datetime(state[key])
            except ValueError:
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
    create_date = fields.Datetime(default=fields.Datetime.now)

    def init(self):
        cr = self.env.cr
        cr.execute("""
            ALTER TABLE omni_stock_change
              ADD COLUMN IF NOT EXISTS txid xid8 NOT NULL DEFAULT pg_current_xact_id();
            DROP INDEX IF EXISTS omni_stock_change_txid_idx;
            CREATE INDEX IF NOT EXISTS omni_stock_change_txid_index ON omni_stock_change (txid);
        """)
        cr.execute(TRIGGER_SQL)
        for table in PRODUCT_TRIGGERS:
            for event, refs in (
                ("INSERT", "NEW TABLE AS new_rows"),
                ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                ("DELETE", "OLD TABLE AS old_rows"),
            ):
                name = f"omni_stock_change_{event.lower()}"
                cr.execute(SQL(
                    "DROP TRIGGER IF EXISTS %(name)s ON %(table)s;"
                    " CREATE TRIGGER %(name)s AFTER %(event)s ON %(table)s"
                    " REFERENCING %(refs)s"
                    " FOR EACH STATEMENT EXECUTE FUNCTION omni_stock_change_products();",
                    name=SQL.identifier(name), table=SQL.identifier(table),
                    event=SQL(event), refs=SQL(refs),
                ))
        for table, events in CHANNEL_TRIGGERS:
            cr.execute(SQL(
                "DROP TRIGGER IF EXISTS omni_stock_change_channel ON %(table)s;"
                " CREATE TRIGGER omni_stock_change_channel AFTER %(events)s ON %(table)s"
                " FOR EACH ROW EXECUTE FUNCTION omni_stock_change_channel();",
                table=SQL.identifier(table), events=SQL(events),
            ))

    @api.model
    def _position(self):
        """Where the feed stands in this transaction's snapshot."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT COALESCE(MAX(id), 0),
                   pg_snapshot_xmin(pg_current_snapshot())::text,
                   statement_timestamp() AT TIME ZONE 'UTC'
              FROM omni_stock_change
        """)
        last_id, xmin, now = self.env.cr.fetchone()
        return {"i": last_id, "x": xmin, "t": fields.Datetime.to_string(now)}

    @api.model
    def _channel_products(self, channel):
        return [
            ("is_storable", "=", True),
            ("default_code", "!=", False),
            ("company_id", "in", [False, channel.company_id.id]),
        ]

    @api.model
    def _changed_product_ids(self, channel, state):
        """Product ids changed between ``state`` and its bound (``u``/``ux``/``ut``),
        or ``None`` when every product may have changed."""
        self.env.cr.execute("""
            SELECT DISTINCT product_id
              FROM omni_stock_change
             WHERE (channel_id IS NULL OR channel_id = %(channel)s)
               AND ((id > %(after)s AND id <= %(upto)s)
                    OR (id <= %(after)s AND txid >= %(xmin)s::xid8
                        -- rows of this very transaction cannot show up later
                        AND txid IS DISTINCT FROM pg_current_xact_id_if_assigned()))
            UNION
            SELECT product_id FROM omni_stock_hold
             WHERE expires_at > %(since)s AND expires_at <= %(until)s
        """, {"channel": channel.id, "after": state["i"], "upto": state["u"],
              "xmin": state["x"], "since": state["t"], "until": state["ut"]})
        ids = [row[0] for row in self.env.cr.fetchall()]
        if None in ids:
            return None
        return sorted(ids)

    @api.model
    def read_feed(self, channel, cursor=None, limit=DEFAULT_PAGE):
        """One page of the change feed of ``channel``.

        :param cursor: ``None`` for a first, full listing, or the ``next_cursor``
            of a previous page.
        :return: ``{"products": product.product, "next_cursor": str,
            "has_more": bool, "full": bool}``
        :raise ValueError: for a cursor that is not one of ours.
        """
        channel.ensure_one()
        limit = max(1, min(int(limit or DEFAULT_PAGE), MAX_PAGE))
        Product = self.env["product.product"].with_context(active_test=True)
        now = self._position()
        if cursor is None:
            state = {"m": "f", "a": 0, "i": now["i"], "x": now["x"], "t": now["t"]}
        else:
            state = decode_cursor(cursor)
            if state is None:
                raise ValueError(cursor)
        if state["m"] == "d":
            if "u" not in state:  # a new round: changes up to now
                state.update(u=now["i"], ux=now["x"], ut=now["t"], a=0)
            changed = self._changed_product_ids(channel, state)
            if changed is None:  # a rule changed: list everything again
                state = {"m": "f", "a": 0, "i": state["u"], "x": state["ux"],
                         "t": state["ut"]}
            else:
                pending = [pid for pid in changed if pid > state.get("a", 0)]
                products = Product.search(
                    self._channel_products(channel) + [("id", "in", pending[:limit])],
                    order="id")
                if len(pending) > limit:
                    state["a"] = pending[limit - 1]
                    return {"products": products, "next_cursor": encode_cursor(state),
                            "has_more": True, "full": False}
                done = {"m": "d", "i": state["u"], "x": state["ux"], "t": state["ut"]}
                return {"products": products, "next_cursor": encode_cursor(done),
                        "has_more": False, "full": False}
        products = Product.search(
            self._channel_products(channel) + [("id", ">", state.get("a", 0))],
            order="id", limit=limit + 1)
        if len(products) > limit:
            products = products[:limit]
            state["a"] = products[-1].id
            return {"products": products, "next_cursor": encode_cursor(state),
                    "has_more": True, "full": True}
        done = {"m": "d", "i": state["i"], "x": state["x"], "t": state["t"]}
        return {"products": products, "next_cursor": encode_cursor(done),
                "has_more": False, "full": True}

    @api.autovacuum
    def _gc_changes(self):
        """Forget changes older than a week (cursors that old restart with a full list)."""
        self.env.cr.execute("""
            DELETE FROM omni_stock_change
             WHERE create_date < (now() AT TIME ZONE 'UTC') - interval '7 days'
        """)
