# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class LoyaltyClubMove(models.Model):
    _inherit = "loyalty.club.move"

    def _club_portal_sources(self):
        """``{move id: (label, url)}``: where each move comes from, linked
        to the portal page of the order when the reader may see it."""
        sources = {}
        documents = {}
        for move in self:
            if move.res_model and move.res_id:
                documents.setdefault(move.res_model, set()).add(move.res_id)
        readable = {}
        for model, ids in documents.items():
            if model not in self.env:
                continue
            records = self.env[model].browse(ids).exists()
            portal = hasattr(records, "get_portal_url")
            for record in records:
                if record.has_access("read"):
                    readable[model, record.id] = (
                        record.display_name,
                        record.get_portal_url() if portal else "",
                    )
        for move in self:
            sources[move.id] = readable.get((move.res_model, move.res_id), ("", ""))
        return sources
