# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.loyalty_club.tools import jalali
from odoo.addons.loyalty_club.tools.normalize import normalize_iranian_mobile

from ..models.loyalty_club_mobile_verification import CODE_LIFETIME_MINUTES

JOIN_SESSION_KEY = "club_join"
REFERRAL_SESSION_KEY = "club_referral_code"


class ClubPage(http.Controller):
    """The club's public page ``/club``, a friend's share link
    ``/club/r/<code>`` and joining online ``/club/join``.

    The page is read as the visitor, through the access rules (tiers, and
    the earn rules and rewards offered on the website). Joining needs a
    signed-in customer (a visitor signs up with Odoo's own sign-up first)
    and a mobile number proved by a code sent by SMS; the enrolment goes
    through the engine (``res.partner._club_website_join``)."""

    # ------------------------------------------------------------------
    # The club page and the share link
    # ------------------------------------------------------------------

    @http.route("/club", type="http", auth="public", website=True)
    def club_page(self, **kw):
        return request.render(
            "loyalty_club_website.club_page", self._club_page_values()
        )

    @http.route(
        "/club/r/<string:code>",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def club_referral(self, code, **kw):
        """A friend's share link: the page, with the code remembered for
        the join form. Any code answers the same; nothing of its owner is
        shown or even looked up here."""
        request.session[REFERRAL_SESSION_KEY] = request.env[
            "res.partner"
        ]._club_website_referral_code(code)
        values = self._club_page_values()
        values["invited"] = True
        return request.render("loyalty_club_website.club_page", values)

    def _club_page_values(self):
        env = request.env
        company = request.website.company_id
        reader = env["res.partner"]
        tiers = env["loyalty.club.tier"]._get_company_tiers(company)
        rules = env["loyalty.club.rule"]
        rewards = env["loyalty.club.reward"]
        rewards = rewards.search(
            rewards._club_website_domain(company)
            + ["|", ("stock_limited", "=", False), ("stock", ">", 0)]
        )
        return {
            "company": company.sudo(),
            "club_logo": company.sudo().club_logo or company.sudo().logo,
            "tiers": [self._club_tier_row(tier, company) for tier in tiers],
            "rules": rules.search(rules._club_website_domain(company)),
            "rewards": rewards,
            "reward_notes": {
                reward.id: {
                    "points": _(
                        "%(points)s points",
                        points=reader._club_portal_number(reward.points_cost),
                    ),
                    "tiers": _(
                        "For %(tiers)s members",
                        tiers=", ".join(reward.tier_ids.mapped("name")),
                    ),
                }
                for reward in rewards
            },
            "is_member": env.user.partner_id.club_member,
            "invited": False,
        }

    def _club_tier_row(self, tier, company):
        reader = request.env["res.partner"]
        if tier.threshold:
            threshold = _(
                "From %(amount)s spent",
                amount=reader._club_portal_amount(tier.threshold, company),
            )
        else:
            threshold = _("When you join")
        return {
            "tier": tier,
            "threshold": threshold,
            "multiplier": _(
                "Points earned ×%(factor)s",
                factor=self._club_factor(tier.earn_multiplier),
            ),
        }

    def _club_factor(self, factor):
        text = f"{factor or 1.0:g}"
        if request.env["res.partner"]._club_portal_is_persian():
            return jalali.persian_digits(text)
        return text

    # ------------------------------------------------------------------
    # Joining
    # ------------------------------------------------------------------

    @http.route("/club/join", type="http", auth="public", website=True, sitemap=False)
    def club_join(self, **kw):
        user = request.env.user
        if user.partner_id.club_member:
            return request.redirect("/my/club")
        if user._is_public():
            return self._club_join_render("account")
        if not self._verifications()._club_can_send():
            return self._club_join_render("unavailable")
        form = request.session.get(JOIN_SESSION_KEY) or {
            "mobile": normalize_iranian_mobile(user.partner_id.mobile) or "",
            "sms_consent": True,
            "email_consent": True,
            "referral_code": request.session.get(REFERRAL_SESSION_KEY) or "",
        }
        return self._club_join_render("mobile", form)

    @http.route(
        "/club/join/code",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def club_join_code(
        self, mobile="", sms_consent=None, email_consent=None, referral_code="", **kw
    ):
        """Send a code to the mobile number typed. Whether the number is a
        member's or not, the answer is the same: that is told only to who
        proves the number is theirs."""
        if request.env.user.partner_id.club_member:
            return request.redirect("/my/club")
        number = normalize_iranian_mobile(mobile)
        form = {
            "mobile": number or mobile,
            "sms_consent": bool(sms_consent),
            "email_consent": bool(email_consent),
            "referral_code": request.env["res.partner"]._club_website_referral_code(
                referral_code
            ),
        }
        if not number:
            return self._club_join_render(
                "mobile",
                form,
                _(
                    "%(mobile)s is not an Iranian mobile number (09xxxxxxxxx).",
                    mobile=mobile or _("An empty mobile"),
                ),
            )
        verifications = self._verifications()
        if not verifications._club_can_send():
            return self._club_join_render("unavailable")
        request.session[JOIN_SESSION_KEY] = form
        try:
            verifications._club_send_code(number, request.httprequest.remote_addr)
        except UserError as error:
            return self._club_join_render("mobile", form, error.args[0])
        return self._club_join_render("code", form)

    @http.route(
        "/club/join/verify",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def club_join_verify(self, code="", **kw):
        """Check the code; a right one enrols the signed-in customer."""
        partner = request.env.user.partner_id
        form = request.session.get(JOIN_SESSION_KEY)
        if partner.club_member or not form:
            return request.redirect("/club/join")
        if not self._verifications()._club_check_code(form["mobile"], code):
            return self._club_join_render(
                "code",
                form,
                _(
                    "This code is wrong or has expired. Type it again, or ask "
                    "for a new code."
                ),
            )
        try:
            partner._club_website_join(
                form["mobile"],
                form["sms_consent"],
                form["email_consent"],
                form["referral_code"],
            )
        except UserError as error:
            return self._club_join_render("mobile", form, error.args[0])
        request.session.pop(JOIN_SESSION_KEY, None)
        request.session.pop(REFERRAL_SESSION_KEY, None)
        return request.redirect("/my/club")

    def _verifications(self):
        return request.env["loyalty.club.mobile.verification"]

    def _club_join_render(self, step, form=None, error=None):
        """The join page at ``step``: ``account`` (sign up or sign in
        first), ``mobile`` (the number, consents and referral code),
        ``code`` (the code sent by SMS) or ``unavailable`` (no SMS gateway
        to send codes through)."""
        company = request.website.company_id.sudo()
        return request.render(
            "loyalty_club_website.club_join",
            {
                "step": step,
                "form": form or {},
                "error": error,
                "sent_text": _(
                    "We sent a code by SMS to %(mobile)s. Type it here to join; it "
                    "is valid for %(minutes)s minutes.",
                    mobile=(form or {}).get("mobile"),
                    minutes=request.env["res.partner"]._club_portal_number(
                        CODE_LIFETIME_MINUTES
                    ),
                ),
                "company": company,
                "signup_enabled": request.env["res.users"]
                .sudo()
                ._get_signup_invitation_scope()
                == "b2c",
            },
        )
