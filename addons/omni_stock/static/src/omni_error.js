/** @odoo-module **/
// A refusal of the suite's rules (omni_stock.exceptions.OmniError, a UserError with a
// stable code for integrations) reads like any UserError in the web client: a warning
// with its message, not a server error with a traceback.
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { WarningDialog, odooExceptionTitleMap } from "@web/core/errors/error_dialogs";

const OMNI_ERROR = "odoo.addons.omni_stock.exceptions.OmniError";
odooExceptionTitleMap.set(OMNI_ERROR, _t("Invalid Operation"));
registry.category("error_dialogs").add(OMNI_ERROR, WarningDialog);
