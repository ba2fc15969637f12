# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import _lt, api, fields, models

from ..tools import jalali
from ..tools.engine import as_engine


class ResPartner(models.Model):
    """Birthday bonuses: on the Jalali date for members who read Persian,
    once a year."""

    # one model, one file per concern (members, balance, tiers, birthdays, segments)
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    club_birthday_jmd = fields.Integer(
        compute="_compute_club_birthday_keys",
        store=True,
        index="btree_not_null",
        help="Jalali month * 100 + day of the birthday, to find today's birthdays.",
    )
    club_birthday_gmd = fields.Integer(
        compute="_compute_club_birthday_keys",
        store=True,
        index="btree_not_null",
        help="Gregorian month * 100 + day of the birthday.",
    )
    club_birthday_bonus_year = fields.Integer(copy=False, readonly=True)

    @api.depends("club_birthday")
    def _compute_club_birthday_keys(self):
        for partner in self:
            birthday = partner.club_birthday
            if birthday:
                jdate = jalali.to_jalali(birthday)
                partner.club_birthday_jmd = jdate.month * 100 + jdate.day
                partner.club_birthday_gmd = birthday.month * 100 + birthday.day
            else:
                partner.club_birthday_jmd = partner.club_birthday_gmd = 0

    @api.model
    def _club_birthday_domains(self, today):
        """``[(domain, year)]``: members whose birthday is ``today``, with the
        year their bonus is for. Members who read Persian have their birthday
        on the Jalali calendar, the others on the Gregorian one; 30 Esfand
        and 29 February birthdays are kept on the day before in common
        years."""
        jtoday = jalali.to_jalali(today)
        jalali_keys = [jtoday.month * 100 + jtoday.day]
        if (jtoday.month, jtoday.day) == (12, 29) and jalali.month_length(
            jtoday.year, 12
        ) == 29:
            jalali_keys.append(1230)
        gregorian_keys = [today.month * 100 + today.day]
        if (today.month, today.day) == (2, 28) and (
            today + datetime.timedelta(1)
        ).day == 1:
            gregorian_keys.append(229)
        member = [("club_member", "=", True)]
        return [
            (
                member
                + [("lang", "=like", "fa%"), ("club_birthday_jmd", "in", jalali_keys)],
                jtoday.year,
            ),
            (
                member
                + [
                    "|",
                    ("lang", "=", False),
                    ("lang", "not like", "fa%"),
                    ("club_birthday_gmd", "in", gregorian_keys),
                ],
                today.year,
            ),
        ]

    @api.model
    def _cron_birthday_bonus(self, batch_size=2000):
        """Give today's birthday bonus, once a year per member."""
        today = fields.Date.context_today(self)
        done = remaining = 0
        for domain, year in self._club_birthday_domains(today):
            todo = domain + [("club_birthday_bonus_year", "!=", year)]
            if done >= batch_size:
                remaining += self.sudo().search_count(todo)
                continue
            partners = self.sudo().search(todo, order="id", limit=batch_size - done)
            partners._club_post_event_bonus(
                "birthday", _lt("Happy birthday!"), key_suffix=f":{year}"
            )
            self.env["loyalty.club.auto.message"]._notify(
                "birthday", partners, f"birthday:{year}"
            )
            as_engine(partners).write({"club_birthday_bonus_year": year})
            done += len(partners)
            remaining += self.sudo().search_count(todo)
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
