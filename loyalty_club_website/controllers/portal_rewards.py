# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import secrets

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.loyalty_club.models.loyalty_club_reward import COUPON_KINDS

from .portal import ClubPortal


class ClubRewardsPortal(ClubPortal):
    """``/my/club/rewards``: the member's catalog and redeeming online,
    through the engine's checks, once per form."""

    @http.route("/my/club/rewards", type="http", auth="user", website=True)
    def portal_my_club_rewards(self, **kw):
        member = self._club_member()
        if not member:
            return request.redirect("/club")
        return self._club_render_rewards(member)

    @http.route(
        "/my/club/rewards/redeem",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_club_redeem(self, reward_id=None, key=None, **kw):
        member = self._club_member()
        if not member:
            return request.redirect("/club")
        reward = self._club_catalog_reward(reward_id)
        if not reward:
            return self._club_render_rewards(
                member, error=_("This reward is not in your catalog.")
            )
        try:
            redemption = request.env["loyalty.club.redemption"]._club_website_redeem(
                reward, key
            )
        except UserError as error:
            return self._club_render_rewards(member, error=error.args[0])
        return request.redirect(f"/my/club/redemptions/{redemption.id}")

    @http.route(
        "/my/club/redemptions/<int:redemption_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_club_redemption(self, redemption_id, **kw):
        member = self._club_member()
        redemption = request.env["loyalty.club.redemption"].search(
            [("id", "=", redemption_id), ("partner_id", "=", member.id)]
        )
        if not member or not redemption:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "club_redemption",
                "member": member,
                "redemption": redemption,
                "reward_sudo": redemption.sudo().reward_id,
                "coupon": self._club_redemption_coupon(redemption, member),
            }
        )
        return request.render("loyalty_club_website.portal_my_club_redemption", values)

    def _club_redemption_coupon(self, redemption, member):
        """What the member reads of the redemption's coupon, if it gave one."""
        if redemption.reward_kind not in COUPON_KINDS or not redemption.coupon_id:
            return {}
        return redemption.coupon_id._club_portal_rows(member)[0]

    def _club_catalog_reward(self, reward_id):
        """The reward of ``reward_id`` if the member's catalog holds it (the
        portal's rules: offered online, of the member's company, active);
        anything else, nonexistent or not, is an empty recordset."""
        try:
            reward_id = int(reward_id)
        except (TypeError, ValueError):
            return request.env["loyalty.club.reward"]
        return request.env["loyalty.club.reward"].search([("id", "=", reward_id)])

    def _club_render_rewards(self, member, error=None):
        values = self._prepare_portal_layout_values()
        values.update(self._club_rewards_values(member))
        values["error"] = error
        return request.render("loyalty_club_website.portal_my_club_rewards", values)

    def _club_rewards_values(self, member):
        catalog = request.env["loyalty.club.reward"].get_club_catalog(
            member.id, "website"
        )
        rewards_sudo = (
            request.env["loyalty.club.reward"]
            .browse([item["id"] for item in catalog])
            .sudo()
        )
        company = member._club_company()
        kinds = dict(rewards_sudo._fields["kind"]._description_selection(request.env))
        coupons = request.env["loyalty.card"]
        for item, reward_sudo in zip(catalog, rewards_sudo, strict=True):
            threshold = reward_sudo.company_id.club_redemption_approval_points
            item.update(
                kind_label=kinds[item["kind"]],
                value=coupons._club_portal_value(reward_sudo, member),
                cost=member._club_portal_number(item["points"]),
                needs_approval=bool(threshold) and item["points"] > threshold,
                key=secrets.token_urlsafe(24),
            )
        return {
            "page_name": "club_rewards",
            "member": member,
            "company": company,
            "summary": {"points": member._club_portal_number(member.club_points)},
            "catalog": catalog,
            "waiting": request.env["loyalty.club.redemption"].search(
                [("partner_id", "=", member.id), ("state", "=", "to_approve")]
            ),
        }
