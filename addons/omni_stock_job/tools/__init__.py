from odoo.addons.omni_stock.tools.guard import ServerFlag

# set while a batch of a run does its work (server code only, never a context key):
# the models a run writes accept writes from it and refuse them from anybody else
batch_running = ServerFlag("omni_stock_job_batch_running")
