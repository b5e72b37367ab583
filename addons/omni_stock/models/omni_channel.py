from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

CHANNEL_TYPES = [
    ("web", "Web shop"),
    ("marketplace", "Marketplace"),
    ("store", "Store / POS"),
    ("b2b", "B2B / sales staff"),
]


class OmniChannel(models.Model):
    """A sales channel and the rules deciding what it may promise."""

    _name = "omni.channel"
    _description = "Sales Channel"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Stable identifier used by integrations and the API."
    )
    channel_type = fields.Selection(CHANNEL_TYPES, required=True, default="web")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    warehouse_ids = fields.Many2many(
        "stock.warehouse",
        string="Source Warehouses",
        check_company=True,
        help="Every internal location of these warehouses is a source.",
    )
    location_ids = fields.Many2many(
        "stock.location",
        string="Source Locations",
        domain="[('usage', '=', 'internal')]",
        check_company=True,
        help="Additional source locations, with their children.",
    )
    safety_stock_mode = fields.Selection(
        [("fixed", "Fixed quantity"), ("cover", "Days of cover")],
        default="fixed",
        required=True,
        tracking=True,
    )
    safety_stock_qty = fields.Float(
        string="Safety Stock", default=0.0, tracking=True,
        help="Units kept back per product unless a product or category rule says otherwise.",
    )
    safety_stock_days = fields.Float(
        string="Days of Cover", default=0.0, tracking=True,
        help="Safety stock = average daily sales from the sources over the "
        "velocity window times this number of days.",
    )
    velocity_window_days = fields.Integer(
        string="Velocity Window (days)", default=30, required=True
    )
    safety_rule_ids = fields.One2many(
        "omni.channel.safety.rule", "channel_id", string="Safety Stock Rules"
    )
    allocation_percent = fields.Float(
        string="Allocation Cap (%)", default=100.0, tracking=True,
        help="Share of the pooled sellable stock this channel may promise.",
    )
    min_location_accuracy = fields.Float(
        string="Minimum Location Accuracy (%)", default=0.0, tracking=True,
        help="Stock in locations whose measured accuracy is below this is not promised.",
    )
    incoming_horizon_days = fields.Integer(
        string="Incoming Horizon (days)", default=7, tracking=True,
        help="Receipts expected within this horizon are shown as incoming.",
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)",
         "A channel code must be unique per company."),
    ]

    @api.constrains(
        "safety_stock_qty", "safety_stock_days", "allocation_percent",
        "min_location_accuracy", "incoming_horizon_days", "velocity_window_days",
    )
    def _check_rules(self):
        for channel in self:
            if channel.safety_stock_qty < 0 or channel.safety_stock_days < 0:
                raise ValidationError(
                    self.env._("Safety stock of %s cannot be negative.", channel.name))
            if not 0 < channel.allocation_percent <= 100:
                raise ValidationError(
                    self.env._("The allocation cap of %s must be above 0%% and at most 100%%.",
                      channel.name))
            if not 0 <= channel.min_location_accuracy <= 100:
                raise ValidationError(
                    self.env._("The minimum accuracy of %s must be between 0 and 100%%.",
                               channel.name))
            if channel.incoming_horizon_days < 0:
                raise ValidationError(self.env._("The incoming horizon cannot be negative."))
            if channel.velocity_window_days <= 0:
                raise ValidationError(self.env._("The velocity window must be at least one day."))

    @api.constrains("warehouse_ids", "location_ids", "active", "company_id")
    def _check_sources(self):
        for channel in self:
            if channel.active and not channel.warehouse_ids and not channel.location_ids:
                raise ValidationError(
                    self.env._("Channel %s needs at least one source warehouse or location.",
                      channel.name))
            foreign = [
                source for source in [*channel.warehouse_ids, *channel.location_ids]
                if source.company_id and source.company_id != channel.company_id
            ]
            if foreign:
                raise ValidationError(
                    self.env._("The sources of %(channel)s must belong to %(company)s: %(sources)s",
                      channel=channel.name, company=channel.company_id.name,
                      sources=", ".join(source.display_name for source in foreign)))

    def _source_locations(self):
        """Internal locations this channel draws from, children included."""
        self.ensure_one()
        return self.env["stock.location"].browse(
            [row[0] for row in self._source_location_rows()])

    def _source_location_rows(self):
        """``[(location id, status, accuracy)]`` of :meth:`_source_locations`, in one
        query (the engine asks on every call, the API on every request)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            WITH root AS (
                SELECT w.view_location_id AS id
                  FROM omni_channel_stock_warehouse_rel rel
                  JOIN stock_warehouse w ON w.id = rel.stock_warehouse_id
                 WHERE rel.omni_channel_id = %(channel)s
                 UNION
                SELECT rel.stock_location_id FROM omni_channel_stock_location_rel rel
                 WHERE rel.omni_channel_id = %(channel)s
            )
            SELECT DISTINCT l.id, l.omni_status, COALESCE(l.omni_accuracy, 100)::float8
              FROM root
              JOIN stock_location r ON r.id = root.id
              JOIN stock_location l ON starts_with(l.parent_path, r.parent_path)
             WHERE l.usage = 'internal' AND l.active AND l.company_id = %(company)s
             ORDER BY l.id
            """, channel=self.id, company=self.company_id.id))
        return self.env.cr.fetchall()

    def get_ats(self, products):
        """ATS figures for ``products`` in this channel: {product_id: dict}."""
        self.ensure_one()
        return self.env["omni.ats"].compute(products, channel=self)

    def explain(self, product):
        """Line-by-line explanation of the ATS of ``product`` in this channel."""
        self.ensure_one()
        return self.env["omni.ats"].explain(product, self)

    def action_view_availability(self):
        """The product availability list, with ATS computed for this channel."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "omni_stock.action_omni_product_availability"
        )
        action["name"] = self.env._("Availability: %s", self.name)
        action["context"] = {"omni_channel_id": self.id}
        return action
