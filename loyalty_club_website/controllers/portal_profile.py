# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.loyalty_club.tools import jalali

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
                "jalali_picker": self._club_jalali_picker(member),
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
        if member.club_birthday:
            return values
        picked = [post.get(f"birthday_{part}") for part in ("year", "month", "day")]
        if all(picked):
            values["club_birthday"] = self._club_jalali_birthday(*picked)
        elif birthday:
            values["club_birthday"] = request.env[
                "loyalty.club.member.import"
            ]._parse_birthday(birthday)
        return values

    def _club_jalali_picker(self, member):
        """The choices of the Jalali birthday picker: years (newest first),
        months by name, days, with Persian digits."""
        this_year = jalali.to_jalali(fields.Date.context_today(member)).year
        number = jalali.persian_digits
        return {
            "years": [
                (year, number(year)) for year in range(this_year, this_year - 101, -1)
            ],
            "months": [(month, jalali.month_name(month)) for month in range(1, 13)],
            "days": [(day, number(day)) for day in range(1, 32)],
        }

    def _club_jalali_birthday(self, year, month, day):
        """The Gregorian date of the Jalali birthday picked."""
        try:
            year, month, day = int(year), int(month), int(day)
        except ValueError:
            raise UserError(
                _("Choose the day, month and year of your birthday.")
            ) from None
        if not 1 <= month <= 12 or not 1 <= day <= jalali.month_length(year, month):
            raise UserError(
                _(
                    "%(month)s %(year)s has %(days)s days.",
                    month=jalali.month_name(month if 1 <= month <= 12 else 1),
                    year=jalali.persian_digits(year),
                    days=jalali.persian_digits(jalali.month_length(year, month))
                    if 1 <= month <= 12
                    else "",
                )
            )
        return jalali.to_gregorian(year, month, day)
