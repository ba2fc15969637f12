# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import _, _lt, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import jalali
from ..tools.engine import as_engine, is_engine

MANAGER_GROUP = "loyalty_club.group_loyalty_club_manager"
REFERRAL_KEY = "referral:{referrer}:{friend}"


class ResPartner(models.Model):
    """Referrals: the member who referred a new member earns the referral
    bonus of the earn rules on the friend's first order, pending like the
    order's points and taken back with it. Self-referrals, returning members
    and bonuses beyond the company's monthly cap earn nothing."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    club_referral_order = fields.Reference(
        selection="_selection_club_referral_order",
        string="First Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="loyalty_club.group_loyalty_club_user",
        help="The first order of this referred member: the one that decided "
        "their referrer's bonus. Later orders earn the referrer nothing.",
    )

    @api.model
    def _selection_club_referral_order(self):
        return self.env["loyalty.club.move"]._selection_source_ref()

    # ------------------------------------------------------------------
    # When a referrer is set
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("club_referrer_id")._check_club_referral()
        return partners

    def write(self, vals):
        if not vals.get("club_referrer_id"):
            return super().write(vals)
        members_before = self.browse()
        if not self._club_referrer_corrected_by_hand():
            members_before = self.filtered("club_member")
        result = super().write(vals)
        self._check_club_referral(members_before)
        return result

    def _club_referrer_corrected_by_hand(self):
        """Whether a Club Manager is setting referrers by hand: they may link
        a member who joined without the code to the member who referred them
        (the change is noted on the member, and the bonus still needs the
        member's first order to come after)."""
        if self.env.su or is_engine(self):
            return False
        return self.env.user.has_group(MANAGER_GROUP)

    def _check_club_referral(self, members_before=None):
        members_before = members_before or self.browse()
        for partner in self:
            refusal = partner._club_referral_refusal(
                partner.club_referrer_id, already_member=partner in members_before
            )
            if refusal:
                raise ValidationError(refusal)

    def _club_referral_refusal(self, referrer, already_member=False):
        """Why ``referrer`` cannot be credited for referring this partner, as
        a sentence, or ``None``. The join pages call it before linking a new
        member to a referrer; the engine calls it again on the first order.

        :param already_member: the partner was a member before this referral
        """
        self.ensure_one()
        friend, referrer = self.sudo(), referrer.sudo()
        if not referrer.club_member:
            return _("Only a club member can refer a friend.")
        if friend == referrer:
            return _("A member cannot refer themselves.")
        if friend.commercial_partner_id == referrer.commercial_partner_id:
            return _("A member cannot refer someone of their own company.")
        if friend.club_mobile and friend.club_mobile == referrer.club_mobile:
            return _("A member cannot refer someone with their own mobile number.")
        if already_member:
            return _("Only a new member can be referred, not an existing member.")
        if friend._club_mobile_had_another_account():
            return _(
                "This mobile number already had a club account: a returning "
                "member is not a referral."
            )
        return None

    def _club_mobile_had_another_account(self):
        """Whether another contact with this mobile, archived or not, was
        ever enrolled (it has a member code)."""
        self.ensure_one()
        if not self.club_mobile:
            return False
        return bool(
            self.with_context(active_test=False).search_count(
                [
                    ("club_mobile", "=", self.club_mobile),
                    ("club_code", "!=", False),
                    ("id", "!=", self.id),
                ],
                limit=1,
            )
        )

    # ------------------------------------------------------------------
    # The friend's first order
    # ------------------------------------------------------------------

    def _club_reward_referrer(self, order, when):
        """Decide the referral bonus on this member's first order ``order``
        (a confirmed sale order or a paid POS order of ``when``): the
        referrer earns the bonus of the referral rules, pending until the
        order's return window ends, once per referrer and friend. Later
        orders, and orders replayed or confirmed again, earn nothing."""
        self.ensure_one()
        friend = as_engine(self)
        referrer = friend.club_referrer_id
        if not referrer:
            return
        friend._club_lock()  # two tills selling to the friend at once
        friend.invalidate_recordset(["club_referral_order"])
        if friend.club_referral_order:
            return
        friend.club_referral_order = f"{order._name},{order.id}"
        company = order.company_id
        day = fields.Date.context_today(self, when)
        points = self.env["loyalty.club.rule"]._event_points(
            "referral", referrer.club_tier_id, company, day
        )
        if points <= 0:
            return
        referrer._club_lock()  # the monthly cap is counted under the lock
        refusal = friend._club_referral_refusal(
            referrer
        ) or friend._club_referral_refusal_on_order(referrer, order, when)
        if refusal:
            referrer._club_log(
                _(
                    "No referral bonus for the first order %(order)s of "
                    "%(member)s. %(reason)s",
                    order=order.display_name,
                    member=friend.display_name,
                    reason=refusal,
                )
            )
            return
        pending_days = company.club_pending_days
        self.env["loyalty.club.move"]._post(
            referrer,
            "earn",
            points,
            REFERRAL_KEY.format(referrer=referrer.id, friend=friend.id),
            company=company,
            source=self,
            description=_lt("Referral of %(member)s", member=friend.name),
            available_date=day + datetime.timedelta(days=pending_days)
            if pending_days > 0
            else None,
            date=when,
        )

    def _club_referral_refusal_on_order(self, referrer, order, when):
        """What else refuses the bonus once the friend buys: a referrer of
        another company, a friend who had bought before being referred, the
        referrer's monthly cap."""
        self.ensure_one()
        company = order.company_id
        if referrer.sudo().company_id not in (company, company.browse()):
            return _("The referrer is a member of another company.")
        if self._club_bought_before(order):
            return _(
                "Only a new member's first order earns a referral bonus, and "
                "this member had bought before."
            )
        cap = company.club_referral_monthly_cap
        if cap > 0 and referrer._club_referral_count_in_month(company, when) >= cap:
            return _(
                "The referrer has reached the club's limit of %(cap)s referral "
                "bonuses a month.",
                cap=cap,
            )
        return None

    def _club_bought_before(self, order):
        """Whether this member earned on a purchase other than ``order``."""
        self.ensure_one()
        return bool(
            self.env["loyalty.club.move"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "=", self.id),
                    ("move_type", "=", "earn"),
                    ("amount", ">", 0),
                    "|",
                    ("res_model", "!=", order._name),
                    ("res_id", "!=", order.id),
                ],
                limit=1,
            )
        )

    def _club_referral_count_in_month(self, company, when):
        """How many referral bonuses this member received in the Jalali
        month of ``when`` (those taken back since count too)."""
        self.ensure_one()
        start, end = jalali.month_span_utc(when)
        return (
            self.env["loyalty.club.move"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "=", self.id),
                    ("company_id", "=", company.id),
                    ("move_type", "=", "earn"),
                    ("idempotency_key", "=like", f"referral:{self.id}:%"),
                    ("date", ">=", start),
                    ("date", "<", end),
                ]
            )
        )

    # ------------------------------------------------------------------
    # The first order cancelled or refunded
    # ------------------------------------------------------------------

    @api.model
    def _club_take_back_referral(self, order, document, key, share=None):
        """Take back the referral bonus that ``order`` (a referred member's
        first order) earned: all that is still held, or ``share`` (0..1) of
        the bonus, never more than is held; spent points leave a debt.

        :param document: what takes it back (the order, credit note or
            refund), named in the move's description
        :param key: names the cancellation or refund: handling it again takes
            nothing more
        """
        friend = self.sudo().search(
            [("club_referral_order", "=", f"{order._name},{order.id}")], limit=1
        )
        bonus = friend and friend._club_referral_bonus()
        if not bonus:
            return
        referrer = bonus.partner_id
        referrer._club_lock()  # what was taken back is read under the lock
        held = bonus.points - bonus._taken_back()
        taken = held if share is None else min(round(bonus.points * share), held)
        if taken <= 0:
            return
        self.env["loyalty.club.move"]._post(
            referrer,
            "reverse",
            -taken,
            f"{bonus.idempotency_key}:{key}",
            company=bonus.company_id,
            source=friend.with_env(self.env),
            description=_lt(
                "Referral of %(member)s taken back (%(document)s)",
                member=friend.name,
                document=document.display_name,
            ),
            reversed_move=bonus,
        )

    def _club_referral_bonus(self):
        """The referral bonus this member's first order earned their
        referrer, if any."""
        self.ensure_one()
        return (
            self.env["loyalty.club.move"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("move_type", "=", "earn"),
                    ("idempotency_key", "=like", "referral:%"),
                ],
                limit=1,
            )
        )
