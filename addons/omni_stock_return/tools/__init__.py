"""Server-side marker of the return workflow (a contextvar, never a context key)."""

from odoo.addons.omni_stock.tools.guard import ServerFlag

return_workflow = ServerFlag("omni_stock_return_workflow")
