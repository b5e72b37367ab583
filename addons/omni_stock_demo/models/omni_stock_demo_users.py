"""The demo retailer's people: one user per role, each with an e-mail address and
their login as password (a demo only), and adjustment thresholds that make large
changes wait for an approver, with one request waiting."""

from odoo import Command, api, models

DOMAIN = "maison-lumiere.example"
COMPANY_EMAIL = f"contact@{DOMAIN}"
# xml id key, login, name, e-mail (local part), groups (xml ids, added to what the user has)
ROLES = [
    ("store_clerk", "demo_store_clerk", "Camille Martin (store clerk)", "camille.martin",
     ["stock.group_stock_user"]),
    ("approver", "demo_approver", "Nadia Benali (adjustment approver)", "nadia.benali",
     ["omni_stock_adjustment.group_adjustment_approver", "omni_stock.group_omni_user"]),
    ("inventory_manager", "demo_inventory_manager", "Julien Moreau (inventory manager)",
     "julien.moreau", ["stock.group_stock_manager", "omni_stock.group_omni_manager",
                       "omni_stock_report.group_omni_report_user"]),
    ("inspector", "demo_inspector", "Inès Faure (returns inspector)", "ines.faure",
     ["stock.group_stock_user", "omni_stock.group_omni_user"]),
    ("returns_manager", "demo_returns_manager", "Thomas Petit (returns manager)",
     "thomas.petit", ["omni_stock_return.group_return_manager", "omni_stock.group_omni_user"]),
    ("finance", "demo_finance", "Sophie Girard (finance)", "sophie.girard",
     ["omni_stock_adjustment.group_stock_values"]),
    # the close sets the stock lock date, which is an inventory manager's
    ("close_manager", "demo_close_manager", "Marc Dubois (period close manager)",
     "marc.dubois", ["omni_stock_report_account.group_omni_report_close",
                     "stock.group_stock_manager"]),
    ("store_manager", "demo_store_manager", "Emma Roux (store manager: KPIs and alerts)",
     "emma.roux", ["omni_stock_report.group_omni_report_user"]),
    ("salesperson", "demo_salesperson", "Lucas Garnier (salesperson)", "lucas.garnier",
     ["sales_team.group_sale_salesman"]),
    ("ecommerce_manager", "demo_ecommerce_manager", "Manon Lefèvre (e-commerce manager)",
     "manon.lefevre", ["website.group_website_designer", "sales_team.group_sale_manager",
                       "omni_stock.group_omni_manager"]),
]
# the counters of the cycle counts' loader: given an address and a password here
COUNTERS = {"lea": "lea.martin", "hugo": "hugo.bernard"}
CASHIERS = [
    ("cashier_par", "demo_cashier_paris", "Chloé Laurent (cashier, Paris)", "chloe.laurent",
     ["point_of_sale.group_pos_user"]),
    ("cashier_lyo", "demo_cashier_lyon", "Yanis Morel (cashier, Lyon)", "yanis.morel",
     ["point_of_sale.group_pos_user"]),
]
# company thresholds: 10 units or 200 of value; the Paris flagship, where most goes
# missing, has stricter ones of its own
COMPANY_THRESHOLDS = {"omni_adj_threshold_qty": 10, "omni_adj_threshold_value": 200,
                      "omni_adj_window_hours": 24}
STRICT_STORE = ("par", {"omni_adj_override_thresholds": True, "omni_adj_threshold_qty": 5,
                        "omni_adj_threshold_value": 100, "omni_adj_window_hours": 24})
# the request waiting in the demo: the store clerk finds 3 coats missing in Lyon
WAITING = ("coat_cml_s", "lyo", 3, "Three camel coats (S) missing from the rail after "
           "Saturday's sale")


class OmniStockDemoUsers(models.AbstractModel):
    """Users and approval thresholds of the demo, loaded last (after every other part
    has changed stock without approvals). Idempotent: run again on update."""

    _name = "omni.stock.demo.users"
    _inherit = "omni.stock.demo.loader"
    _description = "Omnichannel Demo: Users and Approvals"

    @api.model
    def _load_users(self):
        if self.env.ref("omni_stock_demo.user_approver", raise_if_not_found=False):
            return
        company = self.env.ref("base.main_company")
        if not company.email:
            company.email = COMPANY_EMAIL
        self._load_role_users(ROLES)
        for key, local_part in COUNTERS.items():
            counter = self.env.ref(f"omni_stock_demo.user_counter_{key}",
                                   raise_if_not_found=False)
            if counter:
                counter.write({"email": f"{local_part}@{DOMAIN}", "password": counter.login,
                               "tz": "Europe/Paris"})

    @api.model
    def _load_cashiers(self):
        if self.env.ref("omni_stock_demo.user_cashier_par", raise_if_not_found=False):
            return
        self._load_role_users(CASHIERS)

    def _load_role_users(self, roles):
        company = self.env.ref("base.main_company")
        Users = self.env["res.users"].with_context(no_reset_password=True)
        for key, login, name, local_part, groups in roles:
            vals = {
                "email": f"{local_part}@{DOMAIN}", "password": login, "tz": "Europe/Paris",
                "company_id": company.id, "company_ids": [Command.link(company.id)],
                "groups_id": [Command.link(self.env.ref(group).id)
                              for group in ["base.group_user", *groups]],
            }
            user = self.env.ref(f"omni_stock_demo.user_{key}", raise_if_not_found=False) \
                or Users.search([("login", "=", login)], limit=1)
            if user:
                user.write(vals)
            else:
                user = Users.create({"name": name, "login": login, **vals})
            self._xmlid(f"user_{key}", user)

    @api.model
    def _load_approvals(self):
        if self.env.ref("omni_stock_demo.adjustment_request_waiting",
                        raise_if_not_found=False):
            return
        self.env.ref("base.main_company").write(COMPANY_THRESHOLDS)
        store_code, thresholds = STRICT_STORE
        self.env.ref(f"omni_stock_demo.wh_{store_code}").write(thresholds)
        product_key, store_code, missing, note = WAITING
        product = self.env.ref(f"omni_stock_demo.product_{product_key}")
        location = self.env.ref(f"omni_stock_demo.wh_{store_code}").lot_stock_id
        Quant = self.env["stock.quant"]
        on_hand = Quant._omni_onhand(product, location)
        if on_hand < missing:
            Quant._update_available_quantity(product, location, missing - on_hand)
            on_hand = missing
        clerk = self.env.ref("omni_stock_demo.user_store_clerk")
        quant = Quant.search([("product_id", "=", product.id),
                              ("location_id", "=", location.id)], limit=1)
        quant = quant.with_user(clerk).with_context(inventory_mode=True)
        quant.write({"inventory_quantity": on_hand - missing, "omni_reason_note": note,
                     "omni_reason_id": self.env.ref("omni_stock_adjustment.reason_shrink").id})
        quant.action_apply_inventory()
        request = self.env["omni.stock.adjustment.request"].search([
            ("product_id", "=", product.id), ("location_id", "=", location.id),
            ("state", "=", "to_approve")], order="id desc", limit=1)
        self._xmlid("adjustment_request_waiting", request)
