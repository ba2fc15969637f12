# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError

WEBSITE_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class LoyaltyClubRedemption(models.Model):
    """Redeeming on ``/my/club/rewards``: the signed-in member, once per
    redeem form, through the engine's own checks."""

    _inherit = "loyalty.club.redemption"

    website_key = fields.Char(
        readonly=True,
        copy=False,
        help="The one-time key of the website form this redemption came from: "
        "the same form posted again finds this redemption instead of redeeming "
        "twice.",
    )

    _sql_constraints = [
        (
            "website_key_uniq",
            "UNIQUE(partner_id, website_key)",
            "This redeem form was already posted.",
        ),
    ]

    @api.model
    def _club_website_redeem(self, reward, key):
        """Redeem ``reward`` for the signed-in user's member record, or find
        the redemption this form (``key``) already made: a double click or a
        replayed post redeems once. The engine checks balance, caps, stock,
        tiers and dates, and above the company's approval threshold the
        redemption waits for a club manager. A refusal is noted on the member
        and raised as a ``UserError``.

        :param reward: a reward the member reads through the portal's rules
            (offered on the website, of their company)
        """
        if not WEBSITE_KEY_PATTERN.match(key or ""):
            raise UserError(_("This form has expired: open the catalog again."))
        member = self.env.user.partner_id
        member._club_website_claim()
        done = self.search(
            [("partner_id", "=", member.id), ("website_key", "=", key)], limit=1
        )
        if done:
            return done
        with self.env.cr.savepoint():
            redemption_sudo = (
                self.sudo()
                .with_company(reward.company_id)
                .create(
                    {
                        "partner_id": member.id,
                        "reward_id": reward.id,
                        "channel": "website",
                        "company_id": reward.company_id.id,
                        "website_key": key,
                    }
                )
            )
            redemption_sudo.action_confirm()
        return self.browse(redemption_sudo.id)
