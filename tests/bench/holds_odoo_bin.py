"""``odoo-bin`` for the hold test and benchmark servers.

``python -m odoo`` cannot respawn its long-polling (gevent) process: it re-executes
``sys.argv[0]``, which is then ``odoo/__main__.py``.  The availability API does not
need long polling, so the gevent process idles here (on this machine gevent cannot
even start: its ``zope.interface`` distribution is missing, and a crashing gevent
process is respawned in a loop that eats a core).
"""

import signal
import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["gevent"]:
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
        while True:
            signal.pause()
    from odoo.cli.command import main

    main()
