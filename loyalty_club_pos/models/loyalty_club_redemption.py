# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.loyalty_club.models.loyalty_club_reward import COUPON_KINDS

from .pos_config import record_id
from .pos_order import PAID_STATES

MANAGER_GROUP = "loyalty_club.group_loyalty_club_manager"


class LoyaltyClubRedemption(models.Model):
    """Redeeming at the till: a cashier redeems for the order's customer
    through the engine (caps, stock, balance), and cancels it again while
    the order is not paid."""

    _inherit = "loyalty.club.redemption"

    pos_session_id = fields.Many2one(
        "pos.session",
        string="Till Session",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The Point of Sale session this reward was redeemed at.",
    )

    @api.model
    def club_pos_redeem(self, session_id, partner_id, reward_id):
        """Redeem ``reward_id`` for the member ``partner_id`` at the till of
        ``session_id``, through the engine. What the engine refuses (balance,
        caps, stock, a redemption that needs a club manager's approval) comes
        back as ``{"successful": False, "message": ...}`` and is noted on the
        member; arguments the till cannot have sent raise."""
        session = self._club_pos_session(session_id, selling=True)
        company = session.config_id.company_id
        member = self._club_pos_member(partner_id, session.config_id)
        reward_sudo = self._club_pos_reward(reward_id, company)
        refusal = self._club_pos_refusal(member, reward_sudo, company)
        if refusal:
            member._club_log(
                _(
                    "Redemption of %(reward)s refused (%(channel)s): %(reason)s",
                    reward=reward_sudo.name,
                    channel=session.config_id.name,
                    reason=refusal,
                )
            )
            return {"successful": False, "message": refusal}
        redemption_sudo = self._club_pos_confirm(session, member, reward_sudo)
        return redemption_sudo._club_pos_result(session.config_id)

    @api.model
    def club_pos_cancel(self, session_id, redemption_id):
        """Cancel a redemption made at this till session whose coupon was
        not spent (the order was cancelled or emptied): the points come back
        to the member and the coupon is archived. Cancelling again changes
        nothing."""
        session = self._club_pos_session(session_id)
        redemption_sudo = (
            self.sudo().browse(record_id(self.env, redemption_id)).exists()
        )
        if not redemption_sudo or redemption_sudo.pos_session_id != session:
            raise AccessError(_("This redemption was not made at this till session."))
        if redemption_sudo.state != "cancelled":
            refusal = redemption_sudo._club_pos_cancel_refusal()
            if refusal:
                return {"successful": False, "message": refusal}
            redemption_sudo.action_cancel()
        return redemption_sudo._club_pos_result(session.config_id)

    # ------------------------------------------------------------------
    # Checks of what the till sent
    # ------------------------------------------------------------------

    @api.model
    def _club_pos_session(self, session_id, selling=False):
        session = (
            self.env["pos.session"].browse(record_id(self.env, session_id)).exists()
        )
        if not session:
            raise UserError(_("This till session does not exist."))
        session.check_access("read")
        if session.state == "closed" or (selling and session.state != "opened"):
            raise UserError(_("This till session is not open."))
        return session

    @api.model
    def _club_pos_member(self, partner_id, config):
        """The club member of the till's company the till sent the id of."""
        partner = (
            self.env["res.partner"].browse(record_id(self.env, partner_id)).exists()
        )
        partner.check_access("read")
        member = self.env["pos.order"]._club_member_of(partner, config.company_id)
        if not member:
            raise UserError(
                _(
                    "%(partner)s is not a member of the club of %(company)s.",
                    partner=partner.display_name or _("This customer"),
                    company=config.company_id.name,
                )
            )
        return member

    @api.model
    def _club_pos_reward(self, reward_id, company):
        reward_sudo = (
            self.env["loyalty.club.reward"]
            .sudo()
            .browse(record_id(self.env, reward_id))
            .exists()
        )
        if not reward_sudo or reward_sudo.company_id != company:
            raise AccessError(_("This reward is not offered by this shop's club."))
        return reward_sudo

    # ------------------------------------------------------------------
    # Redeem and cancel
    # ------------------------------------------------------------------

    @api.model
    def _club_pos_refusal(self, member, reward_sudo, company):
        """Why the engine would refuse ``member`` this reward at the till, or
        None: its own checks (balance, caps, stock, tiers, dates), and the
        approval a cashier cannot give."""
        return reward_sudo._refusal_for(
            member, "pos"
        ) or self._club_pos_approval_refusal(reward_sudo, company)

    @api.model
    def _club_pos_approval_refusal(self, reward_sudo, company):
        """Why the till cannot redeem this reward (a club manager's approval
        is needed above the company's threshold), or None."""
        threshold = company.club_redemption_approval_points
        if (
            threshold
            and reward_sudo.points_cost > threshold
            and not self.env.user.has_group(MANAGER_GROUP)
        ):
            return _(
                "%(reward)s costs %(points)s points: above %(threshold)s points a "
                "redemption needs a club manager's approval, which the till cannot "
                "give. A club manager can redeem it from the back office.",
                reward=reward_sudo.name,
                points=reward_sudo.points_cost,
                threshold=threshold,
            )
        return None

    @api.model
    def _club_pos_confirm(self, session, member, reward_sudo):
        """The redemption, confirmed by the engine (which debits the points
        under the member's lock and issues the coupon). Point of Sale users
        have no right on redemptions: it is made as superuser, for the
        member, reward and session checked by ``club_pos_redeem``."""
        company = session.config_id.company_id
        redemption_sudo = (
            self.sudo()
            .with_company(company)
            .create(
                {
                    "partner_id": member.id,
                    "reward_id": reward_sudo.id,
                    "channel": "pos",
                    "company_id": company.id,
                    "pos_session_id": session.id,
                }
            )
        )
        with redemption_sudo._refusals_noted():
            redemption_sudo._confirm()
        return redemption_sudo

    def _club_pos_cancel_refusal(self):
        """Why this redemption cannot be cancelled from the till, or None."""
        self.ensure_one()
        if self.reward_kind not in COUPON_KINDS:
            return _(
                "%(redemption)s gave no coupon; a club manager cancels it from "
                "the back office.",
                redemption=self.name,
            )
        if self.state != "confirmed" or self._club_pos_coupon_spent():
            return _(
                "%(redemption)s was already used; it cannot be cancelled.",
                redemption=self.name,
            )
        return None

    def _club_pos_coupon_spent(self):
        """Whether the coupon was spent, on any order, even one whose coupon
        bookkeeping has not reached the server yet."""
        self.ensure_one()
        if self._coupon_used():
            return True
        return bool(
            self.coupon_id
            and self.env["pos.order.line"]
            .sudo()
            .search_count(
                [
                    ("coupon_id", "=", self.coupon_id.id),
                    ("order_id.state", "in", PAID_STATES),
                ],
                limit=1,
            )
        )

    def _club_pos_result(self, config):
        """What the till needs after a redemption or its cancellation: the
        coupon to apply (or drop) and the member's new balance."""
        self.ensure_one()
        member = self.partner_id.with_env(self.env(su=False))
        coupon = self.coupon_id
        return {
            "successful": True,
            "message": "",
            "redemption_id": self.id,
            "name": self.name,
            "state": self.state,
            "reward_kind": self.reward_kind,
            "points": self.points,
            "coupon_id": coupon.id,
            "coupon_code": coupon.code or False,
            "program_id": coupon.program_id.id,
            "native_reward_id": coupon.program_id.reward_ids[:1].id,
            "balance": member.club_points,
            "data": self.env["res.partner"]
            .with_env(self.env(su=False))
            ._club_pos_payload(member, config),
        }
