# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools import jalali

JALALI_MONTHS = [(str(month), jalali.month_name(month, "en")) for month in range(1, 13)]
AGE_GROUPS = [
    ("under_25", "Under 25"),
    ("25_34", "25–34"),
    ("35_44", "35–44"),
    ("45_54", "45–54"),
    ("55_plus", "55 and over"),
]
AGE_BOUNDS = {  # (youngest age, oldest age) in whole years
    "under_25": (0, 24),
    "25_34": (25, 34),
    "35_44": (35, 44),
    "45_54": (45, 54),
    "55_plus": (55, 150),
}


class ResPartner(models.Model):
    """What campaigns search members by: dates read from the ledger,
    Jalali birthday month and age group."""

    # one model, one file per concern (members, balance, tiers, birthdays, segments)
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    club_next_expiry_date = fields.Date(
        string="Points Expire On",
        compute="_compute_club_next_expiry_date",
        search="_search_club_next_expiry_date",
        compute_sudo=True,
        help="When the member's next points expire.",
    )
    club_last_purchase_date = fields.Date(
        string="Last Purchase",
        compute="_compute_club_last_purchase_date",
        search="_search_club_last_purchase_date",
        compute_sudo=True,
        help="The day of the member's last order that earned points.",
    )
    club_birthday_month = fields.Selection(
        JALALI_MONTHS,
        string="Birthday Month (Jalali)",
        compute="_compute_club_birthday_month",
        store=True,
    )
    club_age_group = fields.Selection(
        AGE_GROUPS,
        string="Age Group",
        compute="_compute_club_age_group",
        search="_search_club_age_group",
    )

    def _compute_club_next_expiry_date(self):
        groups = self.env["loyalty.club.move"]._read_group(
            [
                ("partner_id", "in", self.ids),
                ("state", "=", "posted"),
                ("remaining", ">", 0),
                ("expiry_date", "!=", False),
            ],
            ["partner_id"],
            ["expiry_date:min"],
        )
        dates = dict(groups)
        for partner in self:
            partner.club_next_expiry_date = dates.get(partner, False)

    def _search_club_next_expiry_date(self, operator, value):
        return self._club_search_ledger_date(
            operator,
            value,
            SQL(
                "SELECT partner_id, MIN(expiry_date) AS day FROM loyalty_club_move "
                "WHERE state = 'posted' AND remaining > 0 AND expiry_date IS NOT NULL "
                "GROUP BY partner_id"
            ),
        )

    def _compute_club_last_purchase_date(self):
        groups = self.env["loyalty.club.move"]._read_group(
            [
                ("partner_id", "in", self.ids),
                ("move_type", "=", "earn"),
                ("amount", ">", 0),
            ],
            ["partner_id"],
            ["date:max"],
        )
        dates = {partner: moment.date() for partner, moment in groups}
        for partner in self:
            partner.club_last_purchase_date = dates.get(partner, False)

    def _search_club_last_purchase_date(self, operator, value):
        return self._club_search_ledger_date(
            operator,
            value,
            SQL(
                "SELECT partner_id, MAX(date)::date AS day FROM loyalty_club_move "
                "WHERE move_type = 'earn' AND amount > 0 GROUP BY partner_id"
            ),
        )

    def _club_search_ledger_date(self, operator, value, per_partner):
        """A domain on a date the ledger gives per member (``per_partner``
        selects ``partner_id, day``); "is not set" finds members without."""
        comparisons = {"=": "=", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
        if value is False and operator in ("=", "!="):
            members = SQL("(SELECT partner_id FROM (%s) AS ledger)", per_partner)
            return [("id", "not in" if operator == "=" else "in", members)]
        if operator not in comparisons:
            return NotImplemented
        day = fields.Date.to_date(value)
        comparison = comparisons[operator]
        members = SQL(
            f"(SELECT partner_id FROM (%s) AS ledger WHERE day {comparison} %s)",
            per_partner,
            day,
        )
        return [("id", "in", members)]

    @api.depends("club_birthday")
    def _compute_club_birthday_month(self):
        for partner in self:
            birthday = partner.club_birthday
            partner.club_birthday_month = (
                str(jalali.to_jalali(birthday).month) if birthday else False
            )

    @api.depends("club_birthday")
    def _compute_club_age_group(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.club_age_group = False
            if partner.club_birthday:
                age = relativedelta(today, partner.club_birthday).years
                for group, (youngest, oldest) in AGE_BOUNDS.items():
                    if youngest <= age <= oldest:
                        partner.club_age_group = group

    def _search_club_age_group(self, operator, value):
        if operator not in ("=", "in"):
            return NotImplemented
        groups = [value] if operator == "=" else value
        today = fields.Date.context_today(self)
        domain = []
        for group in groups:
            youngest, oldest = AGE_BOUNDS[group]
            born_after = (
                today - relativedelta(years=oldest + 1) + datetime.timedelta(days=1)
            )
            born_before = today - relativedelta(years=youngest)
            domain = [
                *(["|"] if domain else []),
                *domain,
                "&",
                ("club_birthday", ">=", born_after),
                ("club_birthday", "<=", born_before),
            ]
        return domain or [("id", "=", False)]
