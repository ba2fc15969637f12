# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.osv import expression


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    # the till loads the cards of its programs: an index keeps that a look-up
    program_id = fields.Many2one(index=True)

    @api.model
    def _load_pos_data_domain(self, data):
        """Stock Point of Sale loads every card of every program it applies:
        with one club coupon per member that grows with the club. A till
        loads the club coupons of the customers it preloads only; a member
        found at the till brings their own (``club_pos_find_members``)."""
        domain = super()._load_pos_data_domain(data)
        program_ids = [program["id"] for program in data["loyalty.program"]["data"]]
        club_programs = self.env["loyalty.program"].search(
            [("id", "in", program_ids), ("club_reward_id", "!=", False)]
        )
        if not club_programs:
            return domain
        other_ids = sorted(set(program_ids) - set(club_programs.ids))
        partners = data.get("res.partner", {}).get("data", [])
        partner_ids = [partner["id"] for partner in partners]
        return expression.AND(
            [
                domain,
                expression.OR(
                    [
                        [("program_id", "in", other_ids)],
                        self._club_pos_coupon_domain(partner_ids, club_programs),
                    ]
                ),
            ]
        )

    @api.model
    def _club_pos_coupon_domain(self, partner_ids, programs):
        """The club coupons of these members that can still be spent."""
        return [
            ("partner_id", "in", partner_ids),
            ("program_id", "in", programs.ids),
            ("points", ">", 0),
            "|",
            ("expiration_date", "=", False),
            ("expiration_date", ">=", fields.Date.context_today(self)),
        ]

    @api.model
    def _club_pos_coupons(self, members, config):
        """The club coupons of ``members`` that ``config``'s till applies."""
        if not members:
            return self.browse()
        return self.search(
            self._club_pos_coupon_domain(members.ids, config._club_program_ids())
        )
