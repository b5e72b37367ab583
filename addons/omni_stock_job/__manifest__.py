# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Omnichannel Stock - Batched Runs",
    "summary": "Long runs split into queue jobs per batch: progress, resume, no work done twice",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "website": "https://github.com/omni-stock/omni-stock",
    "author": "Omnichannel Stock Contributors",
    "license": "AGPL-3",
    "maintainers": ["omni-stock"],
    "development_status": "Alpha",
    "installable": True,  # pylint: disable=manifest-superfluous-key
    "depends": ["omni_stock", "queue_job"],
    "data": [
        "security/omni_stock_job_security.xml",
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "views/omni_stock_job_batch_views.xml",
    ],
}
