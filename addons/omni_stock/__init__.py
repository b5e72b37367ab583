from . import models
from . import report
from . import wizards
from . import controllers


def _post_load():
    """Let Odoo list every addon's static folder now, at server start, in one thread.

    Odoo does it lazily on the first request whose path has three slashes; a threaded
    server doing it in several threads at once can hit CPython 3.11's non-thread-safe
    AST parser (``get_manifest`` reads manifests with ``ast``): a bare 500 to the first
    burst of API requests. As a server-wide module, this runs before any request (in
    the master process of a prefork server, whose workers inherit the result).
    """
    from odoo.http import root  # noqa: PLC0415 (only when Odoo loads the addon)

    root.statics  # noqa: B018 (a lazy property: reading it computes it)
