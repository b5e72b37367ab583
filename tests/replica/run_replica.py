"""Scale-out proof: two Odoo servers, one PostgreSQL primary, one streaming replica.

``make replica`` (``python3 tests/replica/run_replica.py -c CONF -d DB``):

1. creates a second PostgreSQL cluster on this machine (Debian's ``pg_createcluster``)
   as a streaming replica of the configured one (``pg_basebackup -R``), on its own port;
   the primary's ``pg_hba.conf`` gets a ``replication`` line for 127.0.0.1 for the run;
2. starts **two** Odoo servers (2 workers each) on different ports against the same
   primary, both with ``db_replica_host``/``db_replica_port`` set to the replica;
3. races 60 hold requests for a SKU with 9 units across both servers (holds are
   written and re-checked on the primary: ``replica_hold_oversell`` must be 0), and
   sends 200 availability reads alternately to both (``readonly`` routes: Odoo serves
   them from the replica; ``replica_read_share`` counts the answers whose
   ``X-Omni-Source`` says so, and ``replica_sessions_seen`` the Odoo sessions seen in
   the replica's ``pg_stat_activity`` meanwhile);
4. removes the replica cluster and the ``pg_hba.conf`` line again.

Figures are printed as ``name: value`` lines. Needs root (``runuser``, cluster files).
"""

import argparse
import asyncio
import contextlib
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg2

import odoo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from holds_server import HoldFixture, OdooServer, _burst  # noqa: E402

CLUSTER = "omni_replica"
HBA_LINE = "host replication all 127.0.0.1/32 trust  # omni_stock make replica"
UNITS = 9
HOLDS = 60
READS = 200


def run(*cmd, **kwargs):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kwargs).stdout


def pg_version():
    return sorted(Path("/etc/postgresql").iterdir())[-1].name


def connect(port, db="postgres"):
    return psycopg2.connect(host="127.0.0.1", port=port, user="root", dbname=db)


@contextlib.contextmanager
def replication_allowed(primary_port):
    """The primary accepts replication connections from 127.0.0.1 for the run."""
    with connect(primary_port) as cnx, cnx.cursor() as cr:
        cr.execute("SHOW hba_file")
        hba = Path(cr.fetchone()[0])
    original = hba.read_text()
    added = HBA_LINE not in original
    if added:
        hba.write_text(original.rstrip("\n") + "\n" + HBA_LINE + "\n")
        _reload(primary_port)
    try:
        yield
    finally:
        if added:
            hba.write_text(original)
            _reload(primary_port)


def _reload(port):
    cnx = connect(port)
    cnx.autocommit = True
    cnx.cursor().execute("SELECT pg_reload_conf()")
    cnx.close()
    time.sleep(1)  # the postmaster reloads on a signal, shortly after


@contextlib.contextmanager
def replica_cluster(primary_port, port):
    version = pg_version()
    subprocess.run(["pg_dropcluster", "--stop", version, CLUSTER], capture_output=True)
    run("pg_createcluster", version, CLUSTER, "-p", str(port))
    data = Path(f"/var/lib/postgresql/{version}/{CLUSTER}")
    conf_dir = Path(f"/etc/postgresql/{version}/{CLUSTER}")
    try:
        for child in data.iterdir():  # keep the directory: postgres owns it, not its parent
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        started = time.monotonic()
        run("runuser", "-u", "postgres", "--", "pg_basebackup", "-h", "127.0.0.1",
            "-p", str(primary_port), "-U", "root", "-D", str(data), "-R",
            "-X", "stream", "-c", "fast")
        basebackup_seconds = time.monotonic() - started
        (conf_dir / "pg_hba.conf").write_text(
            "local all all trust\nhost all all 127.0.0.1/32 trust\n")
        run("pg_ctlcluster", "--skip-systemctl-redirect", version, CLUSTER, "start")
        for _ in range(120):
            try:
                with connect(port) as cnx, cnx.cursor() as cr:
                    cr.execute("SELECT pg_is_in_recovery()")
                    if cr.fetchone()[0]:
                        break
            except psycopg2.OperationalError:
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError("the replica did not start")
        yield basebackup_seconds
    finally:
        subprocess.run(["pg_dropcluster", "--stop", version, CLUSTER], capture_output=True)


def wait_replayed(primary_port, port, db):
    """Wait until the replica has replayed everything the primary committed so far."""
    with connect(primary_port, db) as cnx, cnx.cursor() as cr:
        cr.execute("SELECT pg_current_wal_lsn()")
        target = cr.fetchone()[0]
    for _ in range(200):
        with connect(port, db) as cnx, cnx.cursor() as cr:
            cr.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cr.fetchone()[0]:
                return
        time.sleep(0.05)
    raise RuntimeError("the replica lags behind")


def sessions_on(port, db, stop, seen):
    """Sample the replica's pg_stat_activity for Odoo sessions on ``db`` until ``stop``."""
    with connect(port) as cnx, cnx.cursor() as cr:
        while not stop.is_set():
            cr.execute("SELECT DISTINCT application_name FROM pg_stat_activity"
                       " WHERE datname = %s AND application_name LIKE 'odoo-%%'", [db])
            seen.update(row[0] for row in cr.fetchall())
            cnx.rollback()
            time.sleep(0.02)


async def race_and_read(servers, fixture):
    sku = fixture.skus[0]
    holds = [
        _burst(f"{server.url}/omni_stock/v1/holds", fixture.key,
               [{"sku": sku, "qty": 1, "reference": f"replica-{n}-{i}"}
                for i in range(HOLDS // len(servers))], "POST", 120, 6)
        for n, server in enumerate(servers)
    ]
    results = [r for batch in await asyncio.gather(*holds) for r in batch]
    reads = [
        _burst(f"{server.url}/omni_stock/v1/availability?skus={sku}", fixture.key,
               [None] * (READS // len(servers)), "GET", 120, 6)
        for server in servers
    ]
    answers = [r for batch in await asyncio.gather(*reads) for r in batch]
    return results, answers


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--replica-port", type=int, default=5433)
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    primary_port = int(odoo.tools.config["db_port"] or 5432)
    started = time.monotonic()
    figures = {}
    with replication_allowed(primary_port), \
            replica_cluster(primary_port, args.replica_port) as basebackup_seconds, \
            HoldFixture(args.database, UNITS) as fixture:
        figures["replica_basebackup_seconds"] = round(basebackup_seconds, 1)
        fixture.set_rate(10**6, 10**6)
        wait_replayed(primary_port, args.replica_port, args.database)
        replica = ["--db_replica_host=127.0.0.1", f"--db_replica_port={args.replica_port}"]
        with OdooServer(args.config, args.database, 2, extra_args=replica) as one, \
                OdooServer(args.config, args.database, 2, extra_args=replica) as two:
            stop, seen = threading.Event(), set()
            sampler = threading.Thread(target=sessions_on, daemon=True,
                                       args=(args.replica_port, args.database, stop, seen))
            sampler.start()
            results, answers = asyncio.run(race_and_read([one, two], fixture))
            stop.set()
            sampler.join(5)
        created = sum(1 for status, _body in results if status == 201)
        held, on_hand, _count = fixture.figures()[fixture.skus[0]]
        figures["replica_hold_created"] = created
        figures["replica_hold_answers"] = " ".join(
            f"{status}x{count}" for status, count in sorted(
                Counter(status for status, _body in results).items()))
        errors = {body.get("error", {}).get("code") for status, body in results
                  if status >= 400}
        figures["replica_hold_errors"] = " ".join(sorted(str(e) for e in errors)) or "none"
        figures["replica_hold_oversell"] = int(max(0, created - UNITS) + max(0, held - on_hand))
        ok = [body for status, body in answers if status == 200]
        figures["replica_reads_ok"] = len(ok)
        figures["replica_read_share"] = round(
            sum(1 for body in ok if body.get("_source") == "replica") / max(1, len(answers)), 3)
        figures["replica_sessions_seen"] = len(seen)
    figures["replica_run_seconds"] = round(time.monotonic() - started, 1)
    for name, value in figures.items():
        print(f"{name}: {value}", flush=True)
    ok = (figures["replica_hold_oversell"] == 0 and figures["replica_read_share"] >= 0.9
          and figures["replica_hold_created"] == UNITS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
