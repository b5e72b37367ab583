# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Counters read a task's note: the figures of the notes written before
(variance of a count, missing quantity of a pick short) move to the managers'
``trigger_detail``; the note keeps the cause without the figure, or nothing
when it does not read as expected (a translated note)."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL(
        """
        WITH figureless AS (
            SELECT id, trigger_note AS detail,
                   CASE trigger
                   WHEN 'variance' THEN regexp_replace(
                       trigger_note, '^Variance of -?[0-9.]+ at ',
                       'Variance above tolerance at the count of ')
                   ELSE regexp_replace(trigger_note, '^-?[0-9.]+ ', '')
                   END AS note
              FROM omni_stock_count_task
             WHERE trigger IN ('variance', 'pick_short')
               AND trigger_note IS NOT NULL AND trigger_detail IS NULL
        )
        UPDATE omni_stock_count_task task
           SET trigger_detail = figureless.detail,
               trigger_note = CASE WHEN figureless.note <> figureless.detail
                                   THEN figureless.note END
          FROM figureless
         WHERE figureless.id = task.id
        """
    ))
