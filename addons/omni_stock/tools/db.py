"""Transaction helpers for the API: one connection per request, no retry storms."""

import psycopg2
from psycopg2 import errorcodes

# errors meaning "the database is busy right now": the client should retry
RETRYABLE = (
    errorcodes.SERIALIZATION_FAILURE, errorcodes.DEADLOCK_DETECTED,
    errorcodes.LOCK_NOT_AVAILABLE, errorcodes.QUERY_CANCELED,
    errorcodes.TOO_MANY_CONNECTIONS, errorcodes.CANNOT_CONNECT_NOW,
    errorcodes.ADMIN_SHUTDOWN, errorcodes.CRASH_SHUTDOWN,
)


def begin_read_committed(cr, lock_timeout="10s"):
    """End the current transaction and start a READ COMMITTED one on ``cr``.

    Odoo's transactions are REPEATABLE READ: two requests racing for the same
    product lock row make the loser fail with a serialization error, and Odoo
    retries the whole request with growing back-off. In READ COMMITTED the
    loser simply waits for the lock and then reads the winner's hold.

    The caller must not have written anything in the current transaction (it
    is rolled back). When ``cr`` lives inside an enclosing transaction (an
    HttpCase's test cursor, a shell), the isolation cannot change: the current
    one is kept, the product lock still serializes creators and a concurrent
    winner then surfaces as a serialization failure. Returns whether the
    isolation level could be lowered.
    """
    cr.rollback()
    try:
        cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
    except psycopg2.errors.ActiveSqlTransaction:
        cr.rollback()
        return False
    cr.execute("SELECT set_config('lock_timeout', %s, true)", [lock_timeout])
    return True


def is_retryable(exc):
    """Whether a database error means "busy, retry later" rather than a bug."""
    return isinstance(exc, psycopg2.OperationalError) and (
        exc.pgcode in RETRYABLE or exc.pgcode is None)
