# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    def _club_portal_rows(self, member):
        """What ``/my/club`` lists of the member's coupons, read through
        the portal's rules: the reward's name and value (from the reward,
        which the member may not read when it is not offered online)."""
        rows = []
        for coupon in self:
            reward_sudo = coupon.sudo().club_redemption_id.reward_id
            rows.append(
                {
                    "code": coupon.code,
                    "reward": reward_sudo.name or coupon.sudo().program_id.name,
                    "value": self._club_portal_value(reward_sudo, member),
                    "expiry": member._club_portal_date(coupon.expiration_date)
                    or _("No expiry"),
                }
            )
        return rows

    def _club_portal_value(self, reward_sudo, member):
        if reward_sudo.kind == "fixed_discount":
            return member._club_portal_amount(
                reward_sudo.discount_amount, reward_sudo.company_id
            )
        if reward_sudo.kind == "percent_discount":
            return member._club_portal_number(reward_sudo.discount_percent) + "%"
        if reward_sudo.kind == "free_product":
            return reward_sudo.product_id.display_name
        return dict(reward_sudo._fields["kind"].selection).get(reward_sudo.kind, "")
