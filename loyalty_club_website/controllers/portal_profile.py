# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from .portal import ClubPortal


class ClubProfilePortal(ClubPortal):
    """``/my/club/profile``: the member's birthday, gender and consents,
    nothing else."""

    @http.route(
        "/my/club/profile",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_my_club_profile(self, **post):
        member = self._club_member()
        if not member:
            return request.redirect("/club")
        error = None
        if request.httprequest.method == "POST":
            try:
                member._club_website_update_profile(
                    self._club_profile_form_values(member, post)
                )
            except (UserError, AccessError) as exception:
                error = exception.args[0]
            else:
                return request.redirect("/my/club/profile?saved=1")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "club_profile",
                "member": member,
                "error": error,
                "saved": bool(post.get("saved")) and not error,
                "persian": member._club_portal_is_persian(),
                "birthday": member._club_portal_date(member.club_birthday),
                "genders": member._fields["club_gender"]._description_selection(
                    request.env
                ),
            }
        )
        return request.render("loyalty_club_website.portal_my_club_profile", values)

    def _club_profile_form_values(self, member, post):
        """The profile fields the form posted, parsed; anything else posted
        is ignored. A birthday already set is not read: only the club
        changes it."""
        values = {
            "club_sms_consent": bool(post.get("sms_consent")),
            "club_email_consent": bool(post.get("email_consent")),
        }
        genders = dict(member._fields["club_gender"].selection)
        gender = post.get("gender") or False
        if gender and gender not in genders:
            raise UserError(_("Choose a gender from the list."))
        values["club_gender"] = gender
        birthday = (post.get("birthday") or "").strip()
        if birthday and not member.club_birthday:
            values["club_birthday"] = request.env[
                "loyalty.club.member.import"
            ]._parse_birthday(birthday)
        return values
