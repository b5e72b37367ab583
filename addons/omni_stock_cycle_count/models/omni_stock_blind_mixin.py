# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError


class OmniStockBlindMixin(models.AbstractModel):
    """Fields a blind counter may not read, on a model they must still read.

    A model lists them in ``_omni_blind_fields`` (names of fields other addons may
    not have installed are ignored). For a counter without Inventory rights
    (``res.users._omni_is_blind_counter``) they are refused wherever Odoo checks
    field access (``read``/``search_read``/``web_read`` naming them, ``read_group``,
    orders), and in searches, where Odoo does not check it for computed fields
    (no guessing a figure by searching ``omni_on_hand > 4000``); a read of all
    fields leaves them out. ``groups=`` cannot say it: it would hide them from an
    Inventory user who also counts too.
    """

    _name = "omni.stock.blind.mixin"
    _description = "Fields hidden from blind counters"

    _omni_blind_fields = frozenset()

    def _omni_blind_error(self, names):
        return AccessError(self.env._(
            "Counters do not see stock quantities (%(fields)s of %(model)s): counts are blind.",
            fields=", ".join(sorted(names)),
            model=self._description,
        ))

    def _omni_blind_asked(self, names):
        """The blind fields among ``names`` if the user counts blind, else nothing."""
        if self.env.su:
            return set()
        # the cheap test first: this runs on every field read of the model
        asked = self._omni_blind_fields.intersection(names)
        if asked and self.env.user._omni_is_blind_counter():
            return asked
        return set()

    @api.model
    def check_field_access_rights(self, operation, field_names):
        allowed = super().check_field_access_rights(operation, field_names)
        if field_names:
            if asked := self._omni_blind_asked(field_names):
                raise self._omni_blind_error(asked)
            return allowed
        if self.env.su or not self.env.user._omni_is_blind_counter():
            return allowed
        return [name for name in allowed if name not in self._omni_blind_fields]

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # a path through a relation reaches the other model's _search: the first
        # name of each condition is enough
        names = {
            leaf[0].split(".", 1)[0] for leaf in domain or ()
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and isinstance(leaf[0], str)
        }
        if asked := self._omni_blind_asked(names):
            raise self._omni_blind_error(asked)
        return super()._search(domain, offset=offset, limit=limit, order=order)
