# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.addons.omni_stock.exceptions import OmniError
from odoo.addons.omni_stock.tools import validate
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

TRIGGERS = [
    ("plan", "Count plan"),
    ("negative", "Negative quant"),
    ("pick_short", "Pick reported short"),
    ("variance", "Variance above tolerance at the last count"),
    ("accuracy", "Location accuracy below target"),
    ("shrink", "Shrink-prone category"),
    ("manual", "Requested by hand"),
]
OPEN_STATES = ("open", "recount")
MANAGER = "stock.group_stock_manager"
STOCK_USER = "stock.group_stock_user"
STATES = [
    ("open", "To count"),
    ("recount", "Recount"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


# tasks listed on My Counts at once (urgent first, then by due date)
MY_TASKS_LIMIT = 40


class OmniStockCountTask(models.Model):
    """One location to count: which products, why, by when and by whom.

    Counters act only through the ``omni_*`` methods (server-side checks, then
    sudo writes); they can read tasks but never write them directly, nor read
    the expected quantities (blind counts). A task says why it exists without
    a figure (``trigger_note``, read by its counters); the figures behind it
    are the managers' (``trigger_detail``). Its lines are read by Inventory
    users only: a counter sees them through the scanner's methods.
    """

    _name = "omni.stock.count.task"
    _inherit = ["mail.thread"]
    _description = "Cycle Count Task"
    _order = "priority desc, due_date, id"

    name = fields.Char(required=True, readonly=True, default=lambda self: self.env._("New"))
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    warehouse_id = fields.Many2one("stock.warehouse", required=True, index=True)
    location_id = fields.Many2one(
        "stock.location", required=True, index=True,
        domain="[('usage', '=', 'internal'), ('warehouse_id', '=', warehouse_id)]",
    )
    trigger = fields.Selection(TRIGGERS, "Why", required=True, default="manual", readonly=True)
    trigger_key = fields.Char(readonly=True, copy=False, index=True,
                              help="The cause: one open task per cause.")
    trigger_note = fields.Char("Details", readonly=True,
                               help="Why the task exists, without any figure: counters read it.")
    trigger_detail = fields.Char(
        "Figures", readonly=True, groups=MANAGER,
        help="The figures behind the cause (variance, missing quantity): managers only, "
        "counts are blind.")
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    due_date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    user_id = fields.Many2one("res.users", "Assigned To", tracking=True,
                              help="Empty: any counter of the warehouse may take it.")
    state = fields.Selection(STATES, required=True, default="open", readonly=True,
                             tracking=True, index=True)
    line_ids = fields.One2many("omni.stock.count.line", "task_id", "Lines", readonly=True,
                               groups=STOCK_USER)
    line_count = fields.Integer(compute="_compute_line_count", compute_sudo=True,
                                groups=STOCK_USER)
    has_lines = fields.Boolean(compute="_compute_line_count", compute_sudo=True,
                               help="The location is fixed once products are to count.")
    done_date = fields.Datetime(readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")

    def init(self):
        # one open task per cause, also under concurrent triggers
        self.env.cr.execute(SQL(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS omni_stock_count_task_open_trigger_uniq
                ON omni_stock_count_task (trigger_key)
             WHERE trigger_key IS NOT NULL AND state IN ('open', 'recount')
            """
        ))

    @api.depends("line_ids")
    def _compute_line_count(self):
        for task in self:
            task.line_count = len(task.line_ids)
            task.has_lines = bool(task.line_ids)

    @api.depends("due_date", "state")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for task in self:
            task.is_overdue = task.state in OPEN_STATES and task.due_date < today

    def _search_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        overdue = [("state", "in", OPEN_STATES), ("due_date", "<", today)]
        if (operator == "=") == bool(value):
            return overdue
        return ["!", "&", *overdue]

    # ------------------------------------------------------------------ creation

    @api.model_create_multi
    def create(self, vals_list):
        Location = self.env["stock.location"]
        for vals in vals_list:
            location = Location.browse(vals.get("location_id"))
            warehouse = self.env["stock.warehouse"].browse(vals.get("warehouse_id"))
            if not vals.get("warehouse_id") and location:
                warehouse = location.warehouse_id
                vals["warehouse_id"] = warehouse.id
            self._ensure_location_of_warehouse(location, warehouse)
            vals["company_id"] = warehouse.company_id.id
            if vals.get("name", self.env._("New")) == self.env._("New"):
                # earned: no check needed: a sequence number (create() checks the rights)
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code(self._name) or self.env._("New")
                )
        return super().create(vals_list)

    def write(self, vals):
        if {"location_id", "warehouse_id"} & set(vals):
            if self.line_ids:
                raise UserError(self.env._("The location of a task with lines cannot change."))
            Location, Warehouse = self.env["stock.location"], self.env["stock.warehouse"]
            for task in self:
                self._ensure_location_of_warehouse(
                    Location.browse(vals.get("location_id", task.location_id.id)),
                    Warehouse.browse(vals.get("warehouse_id", task.warehouse_id.id)),
                )
        return super().write(vals)

    @api.model
    def _ensure_location_of_warehouse(self, location, warehouse):
        if not location or location.usage != "internal" or location.warehouse_id != warehouse:
            raise ValidationError(
                self.env._(
                    "%(location)s is not an internal location of warehouse %(warehouse)s.",
                    location=location.display_name or "?",
                    warehouse=warehouse.display_name or "?",
                )
            )

    @api.model
    def _prepare_task_vals(self, location, trigger, due_date, key=None, note=None, urgent=False,
                           detail=None):
        """``note``: why, without a figure (counters read it); ``detail``: the figures
        behind it, for managers."""
        return {
            "location_id": location.id,
            "warehouse_id": location.warehouse_id.id,
            "trigger": trigger,
            "trigger_key": key or False,
            "trigger_note": note or False,
            "trigger_detail": detail or False,
            "due_date": due_date,
            "priority": "1" if urgent else "0",
        }

    @api.model
    def _omni_trigger(self, trigger, location, products, key, note=None, urgent=True,
                      due_date=None, detail=None):
        """The open task of cause ``key`` (created if none), counting ``products``
        in ``location``: exactly one open task per cause. ``note`` says why with no
        figure (counters read it), ``detail`` gives the figures (managers only)."""
        # earned: server triggers only: a pick short (_omni_report checks the reporter), a
        # submitted count (_ensure_counter), the negative quants cron
        Task = self.sudo()
        task = Task.search([("trigger_key", "=", key), ("state", "in", OPEN_STATES)], limit=1)
        if not task:
            task = Task.create(Task._prepare_task_vals(
                location, trigger, due_date or fields.Date.context_today(self), key=key,
                note=note, urgent=urgent, detail=detail,
            ))
        task._omni_add_lines(products)
        return task

    def _omni_add_lines(self, products, lots=None):
        """Lines for ``products`` (and ``lots``) not in the task yet."""
        self.ensure_one()
        lots = lots or {}
        have = {(line.product_id.id, line.lot_id.id) for line in self.line_ids}
        classes = self.env["omni.stock.abc.class"]._omni_class_of(products, self.warehouse_id)
        new = []
        for product in products:
            key = (product.id, lots.get(product.id, False))
            if key not in have:
                have.add(key)
                new.append({"task_id": self.id, "product_id": product.id, "lot_id": key[1],
                            "abc_class": classes[product.id]})
        # earned: _ensure_counter() in _omni_add_product_count, or _omni_trigger's callers
        return self.env["omni.stock.count.line"].sudo().create(new)

    # ------------------------------------------------------------------ plan

    @api.model
    def _cte_plan_candidates(self, warehouse):
        """Stocked product x location x lot of ``warehouse`` with their class,
        frequency, last count and rank among the never counted of the same
        frequency; minus those already in an open task."""
        return SQL(
            """
            WITH stock AS (
                SELECT q.product_id, q.location_id, q.lot_id
                  FROM stock_quant q
                  JOIN stock_location l ON l.id = q.location_id
                 WHERE l.warehouse_id = %(wh)s AND l.usage = 'internal' AND q.quantity > 0
                 GROUP BY q.product_id, q.location_id, q.lot_id
            ), last AS (
                SELECT product_id, location_id, lot_id, MAX(counted_at)::date AS last
                  FROM omni_stock_count_line
                 WHERE warehouse_id = %(wh)s AND state IN ('applied', 'requested')
                 GROUP BY product_id, location_id, lot_id
            ), candidate AS (
                SELECT s.product_id, s.location_id, s.lot_id,
                       COALESCE(c.abc_class, 'C') AS abc_class, last.last,
                       CASE COALESCE(c.abc_class, 'C') WHEN 'A' THEN %(fa)s
                            WHEN 'B' THEN %(fb)s ELSE %(fc)s END AS class_freq,
                       CASE WHEN cat.omni_shrink_prone THEN cat.omni_shrink_frequency_days
                       END AS shrink_freq
                  FROM stock s
                  JOIN product_product pp ON pp.id = s.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_category cat ON cat.id = pt.categ_id
                  LEFT JOIN omni_stock_abc_class c
                         ON c.product_id = s.product_id AND c.warehouse_id = %(wh)s
                  LEFT JOIN last ON last.product_id = s.product_id
                        AND last.location_id = s.location_id
                        AND last.lot_id IS NOT DISTINCT FROM s.lot_id
            ), ranked AS (
            SELECT product_id, location_id, lot_id, abc_class, last,
                   LEAST(class_freq, COALESCE(shrink_freq, class_freq)) AS freq,
                   COALESCE(shrink_freq, class_freq) < class_freq AS shrink,
                   ROW_NUMBER() OVER (w ORDER BY abc_class, location_id, product_id, lot_id) - 1
                       AS rank,
                   COUNT(*) OVER w AS total
              FROM candidate
            WINDOW w AS (PARTITION BY LEAST(class_freq, COALESCE(shrink_freq, class_freq)),
                                      last IS NULL)
            )
            -- ranked before leaving out what is already in an open task: stable spread
            SELECT * FROM ranked r
             WHERE NOT EXISTS (
                    SELECT 1 FROM omni_stock_count_line ol
                     WHERE ol.product_id = r.product_id AND ol.location_id = r.location_id
                       AND ol.lot_id IS NOT DISTINCT FROM r.lot_id
                       AND ol.state IN ('todo', 'recount'))
            """,
            wh=warehouse.id, fa=warehouse.omni_count_freq_a, fb=warehouse.omni_count_freq_b,
            fc=warehouse.omni_count_freq_c,
        )

    @api.model
    def _omni_working_days(self, warehouse, start, horizon_days):
        days = [start + timedelta(days=offset) for offset in range(horizon_days)]
        if warehouse.omni_count_weekends:
            return days
        return [day for day in days if day.weekday() < 5]

    @api.model
    def _omni_generate_plan(self, warehouses=None, start=None, horizon_days=30):
        """Plan the counts due within ``horizon_days`` from ``start``: each
        stocked product x location is due one frequency after its last count
        (never counted: spread evenly over its first frequency), then laid on
        the warehouse's working days, at most its daily capacity of lines per
        day, the earliest due first. One task per location and day."""
        # earned: the planning cron's (private)
        warehouses = warehouses or self.env["stock.warehouse"].sudo().search(
            [("active", "=", True)])
        start = start or fields.Date.context_today(self)
        Task = self.sudo()
        tasks = Task.browse()
        for warehouse in warehouses:
            self.env.flush_all()
            self.env.cr.execute(self._cte_plan_candidates(warehouse))
            items = []
            for product_id, location_id, lot_id, abc_class, last, freq, shrink, rank, total in (
                self.env.cr.fetchall()
            ):
                if last:
                    due = last + timedelta(days=freq)
                else:
                    due = start + timedelta(days=(rank * freq) // max(total, 1))
                items.append((max(due, start), abc_class, location_id, product_id, lot_id,
                              shrink))
            items.sort(key=lambda item: item[:5])
            days = self._omni_working_days(warehouse, start, horizon_days)
            capacity = warehouse.omni_count_capacity
            used = [0] * len(days)
            planned = defaultdict(list)  # (location, day, trigger) -> lines
            index = 0
            for due, abc_class, location_id, product_id, lot_id, shrink in items:
                while index < len(days) and (days[index] < due or used[index] >= capacity):
                    index += 1
                if index >= len(days):
                    break
                used[index] += 1
                planned[location_id, days[index], "shrink" if shrink else "plan"].append(
                    {"product_id": product_id, "lot_id": lot_id, "abc_class": abc_class})
            vals_list = []
            locations = self.env["stock.location"].browse({key[0] for key in planned})
            for (location_id, day, trigger), lines in sorted(planned.items()):
                vals = Task._prepare_task_vals(locations.browse(location_id), trigger, day)
                vals["line_ids"] = [Command.create(line) for line in lines]
                vals_list.append(vals)
            tasks |= Task.create(vals_list)
        return tasks

    @api.model
    def _cron_plan(self):
        self._omni_generate_plan()

    @api.model
    def _omni_trigger_negative_quants(self):
        """One task per location and product with a negative quant."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            SELECT q.location_id, q.product_id FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
             WHERE l.usage = 'internal' AND l.warehouse_id IS NOT NULL AND q.quantity < 0
             GROUP BY q.location_id, q.product_id
            """
        ))
        tasks = self.browse()
        Product, Location = self.env["product.product"], self.env["stock.location"]
        for location_id, product_id in self.env.cr.fetchall():
            tasks |= self._omni_trigger(
                "negative", Location.browse(location_id), Product.browse(product_id),
                f"negative:{location_id}:{product_id}",
            )
        return tasks

    @api.model
    def _cron_triggers(self):
        self._omni_trigger_negative_quants()
        # earned: the triggers cron's (private)
        self.env["stock.location"].sudo().search(
            [("usage", "=", "internal"), ("warehouse_id", "!=", False)]
        )._omni_measure_accuracy()

    # ------------------------------------------------------------------ counter actions

    def _ensure_counter(self):
        """The current user may count these tasks now: existing tasks of one location
        (My Counts counts a location's tasks together), which they read (company and
        counter rules); they are a counter or an Inventory user; each task is open and
        assigned to them or no one, and in a recount they did not count before."""
        self._ensure_one_location()
        if not self.env.user._omni_may_count():
            raise UserError(self.env._("Only counters and inventory users count stock."))
        self.check_access("read")
        if len(self.location_id) != 1:
            raise UserError(self.env._(
                "These tasks count different locations: count one location at a time."))
        # sudo: the lines are not the counter's to read; the tasks are (checked above)
        for task in self:
            if task.state not in OPEN_STATES:
                raise UserError(self.env._("Task %(task)s is not open for counting.",
                                           task=task.name))
            if task.user_id and task.user_id != self.env.user:
                raise UserError(self.env._("Task %(task)s is assigned to %(user)s.",
                                           task=task.name, user=task.user_id.name))
            if (task.state == "recount"
                    and self.env.user in task.sudo().line_ids.excluded_user_ids):
                raise UserError(self.env._(
                    "A recount is made by someone other than the first counters: ask a "
                    "colleague to recount %(task)s.", task=task.name))

    def _ensure_one_location(self):
        """At least one task, all existing: what the scanner's methods receive."""
        if len(self) <= 1:
            return validate.one(self, self.env._("count task"))
        if len(self.exists()) != len(self):
            raise OmniError("not_found", self.env._("A count task does not exist (any more)."))
        return self

    @api.model
    def omni_my_tasks(self):
        """What the current user may count (scanner's list), one entry per location:
        the open tasks of a location are counted together (each product once), leaving
        out the recounts of what they counted. No quantities."""
        user = self.env.user
        domain = [("state", "in", OPEN_STATES), "|", ("user_id", "=", False),
                  ("user_id", "=", self.env.uid)]
        if user.omni_count_warehouse_ids:  # the counter's own sites only
            domain.append(("warehouse_id", "in", user.omni_count_warehouse_ids.ids))
        tasks = self.search(domain, limit=MY_TASKS_LIMIT * 5)
        # earned: the lines are not a counter's to read; the tasks are (found above)
        tasks = tasks.filtered(lambda task: task.state != "recount"
                               or user not in task.sudo().line_ids.excluded_user_ids)
        by_location = defaultdict(lambda: self.browse())
        for task in tasks:  # most urgent first: the order of the first task of a location
            by_location[task.location_id] |= task
        return [group._omni_scanner_data(lines=False)
                for group in list(by_location.values())[:MY_TASKS_LIMIT]]

    def _omni_scanner_data(self, lines=True):
        """What the scanner shows of the tasks of one location: never the expected
        quantity, nor the other counters' entries; a product two tasks ask for is one
        line (``_omni_counted_lines``). Called on tasks the user may count
        (``_ensure_counter``) or found by their own search (record rules): their lines,
        which a counter may not read, are then read with sudo."""
        # earned: _ensure_counter() in the scanner's methods, or the user's own search
        tasks = self.sudo()
        first = tasks[0]
        triggers = dict(TRIGGERS)
        data = {
            "id": first.id,
            "ids": tasks.ids,
            "name": ", ".join(tasks.mapped("name")),
            "location": first.location_id.display_name,
            "location_barcode": first.location_id.barcode or "",
            "trigger": ", ".join(dict.fromkeys(triggers[task.trigger] for task in tasks)),
            "due_date": fields.Date.to_string(min(tasks.mapped("due_date"))),
            "urgent": any(task.priority == "1" for task in tasks),
            "recount": any(task.state == "recount" for task in tasks),
            "line_count": len(tasks._omni_counted_lines()),
        }
        if lines:
            data["lines"] = [line._omni_scanner_line() for line in tasks._omni_counted_lines()]
        return data

    def _omni_counted_lines(self):
        """The lines to count of these tasks (sudo), one per product and lot: where two
        tasks of a location ask for the same product, it is counted once, on the line
        of the first task (``_omni_merge_lines`` settles the others at submission)."""
        seen, line_ids = set(), []
        # one browse of the ids (a union per line would cost the square of the lines)
        # earned: _ensure_counter() in the scanner's methods, or the user's own search
        for line in self.sudo().line_ids:
            key = (line.product_id.id, line.lot_id.id)
            if line.state in ("todo", "recount") and key not in seen:
                seen.add(key)
                line_ids.append(line.id)
        # earned: as above: the tasks' lines, which a counter may not read
        return self.env["omni.stock.count.line"].sudo().browse(line_ids)

    def _omni_merge_lines(self):
        """Before a location's tasks are submitted together: a product asked by several
        of them was counted on one line (``_omni_counted_lines``); the others are
        cancelled, their count being that one's."""
        counted = self._omni_counted_lines()
        counted_ids = set(counted.ids)
        # earned: _ensure_counter() in action_submit, the only caller
        duplicates = self.sudo().line_ids.filtered(
            lambda line: line.state in ("todo", "recount") and line.id not in counted_ids)
        if not duplicates:
            return
        kept_of = {(line.product_id, line.lot_id): line for line in counted}
        for line in duplicates:
            kept = kept_of[line.product_id, line.lot_id]
            line.task_id.message_post(body=self.env._(
                "%(product)s counted once with %(task)s.",
                product=line.product_id.display_name, task=kept.task_id.name))
        duplicates.write({"state": "cancel"})

    def omni_scanner_load(self):
        self._ensure_counter()
        return self._omni_scanner_data()

    def omni_scan_location(self, barcode):
        """Check the scanned location is the task's one: clear message otherwise."""
        self._ensure_counter()
        barcode = validate.text(self.env, barcode, self.env._("The location barcode"))
        location = self.env["stock.location"].search(
            [("barcode", "=", barcode), ("company_id", "in", self.env.companies.ids)], limit=1)
        if not location:
            raise UserError(self.env._("Unknown location barcode %(barcode)s.",
                                       barcode=barcode))
        if location.warehouse_id != self.warehouse_id:
            raise UserError(self.env._(
                "%(location)s belongs to another warehouse than %(task)s.",
                location=location.display_name, task=", ".join(self.mapped("name"))))
        if location != self.location_id:
            raise UserError(self.env._("This task counts %(expected)s, not %(location)s.",
                                       expected=self.location_id.display_name,
                                       location=location.display_name))
        return self._omni_scanner_data()

    def omni_add_count(self, barcode, quantity=1.0, lot_name=None):
        """Add ``quantity`` of the product with ``barcode`` (and lot) counted by
        the current user. Entries add up, per counter and per line."""
        self._ensure_counter()
        barcode = validate.text(self.env, barcode, self.env._("The product barcode"))
        product = self.env["product.product"].search(
            [("barcode", "=", barcode), ("company_id", "in", [False, *self.env.companies.ids])],
            limit=1,
        )
        if not product:
            raise UserError(self.env._("Unknown product barcode %(barcode)s.", barcode=barcode))
        return self._omni_add_product_count(product, quantity, lot_name)

    def _omni_add_product_count(self, product, quantity, lot_name=None):
        self._ensure_counter()
        quantity = validate.quantity(self.env, quantity, self.env._("The counted quantity"),
                                     allow_zero=True)
        if not product.is_storable:
            raise UserError(self.env._("%(product)s is not tracked in stock.",
                                       product=product.display_name))
        lot = self._omni_lot(product, lot_name)
        line = self._omni_counted_lines().filtered(
            lambda line: line.product_id == product and line.lot_id == lot)
        if not line:
            task = self.sudo().filtered(lambda task: task.state == "open")[:1]
            if not task:
                raise UserError(self.env._("A recount only counts the lines to recount."))
            line = task._omni_add_lines(product, {product.id: lot.id})
        line._omni_add_entry(quantity)
        return line._omni_scanner_line()

    def omni_set_count(self, line_id, quantity):
        """Correct what the current user counted on one line of this task (an
        over-scan, a wrong typed quantity): their entries of this round become one
        entry of ``quantity``; 0 says "counted, none here". Other counters' entries are
        untouched."""
        self._ensure_counter()
        quantity = validate.quantity(self.env, quantity, self.env._("The counted quantity"),
                                     allow_zero=True)
        # earned: _ensure_counter() above; the line must be one to count of these tasks
        line = self._omni_counted_lines().filtered(lambda line: line.id == line_id)
        if not line:
            raise UserError(self.env._("This line is not one to count on this task."))
        line._omni_set_entry(quantity)
        return line._omni_scanner_line()

    def _omni_lot(self, product, lot_name):
        # earned: _ensure_counter() in _omni_add_product_count, the only caller
        Lot = self.env["stock.lot"].sudo()
        if product.tracking == "none":
            return Lot
        if not lot_name:
            raise UserError(self.env._("%(product)s is tracked: scan or type its lot.",
                                       product=product.display_name))
        lot = Lot.search([("product_id", "=", product.id), ("name", "=", lot_name),
                          ("company_id", "in", [False, self.company_id.id])], limit=1)
        return lot or Lot.create({"product_id": product.id, "name": lot_name,
                                  "company_id": self.company_id.id})

    def action_submit(self):
        """The counters are done: snapshot the expected quantities, apply the
        lines within tolerance, send the others to a blind recount by someone
        else; a recount is applied whatever its variance (through approvals).

        Returns what became of the lines, as numbers of lines only (a counter
        learns no expected figure): ``{"applied", "requested", "recount"}``."""
        summary = {"applied": 0, "requested": 0, "recount": 0}
        self._ensure_counter()
        self._omni_merge_lines()
        for task in self:
            for key, number in task.sudo()._omni_submit().items():
                summary[key] += number
        return summary

    def _omni_submit(self):
        """Submit the task (sudo, after ``_ensure_counter``): a counter has no right
        on quants and moves. The counts are applied in the submitter's name (the
        user id is kept: requester, running totals, audit log)."""
        lines = self.line_ids.filtered(lambda line: line.state in ("todo", "recount"))
        recount = self.state == "recount"
        lines._omni_evaluate()
        to_recount = self.env["omni.stock.count.line"] if recount else lines.filtered(
            lambda line: not line.within_tolerance)
        (lines - to_recount)._omni_apply()
        if to_recount:
            to_recount._omni_start_recount()
            self.state = "recount"
        else:
            self.write({"state": "done", "done_date": fields.Datetime.now()})
            self.message_post(body=self.env._("Counted and applied."))
        states = lines.mapped("state")
        return {key: states.count(key) for key in ("applied", "requested", "recount")}

    def action_cancel(self):
        self.check_access("write")
        self.sudo().filtered(lambda task: task.state in OPEN_STATES).write({"state": "cancel"})
        return True
