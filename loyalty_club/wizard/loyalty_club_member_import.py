# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import datetime
import io
import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import jalali
from ..tools.normalize import ascii_digits, normalize_iranian_mobile, normalize_text

_logger = logging.getLogger(__name__)

# Column headers understood, in English and Persian.
COLUMNS = {
    "name": ("name", "نام"),
    "mobile": ("mobile", "موبایل", "تلفن همراه"),
    "email": ("email", "ایمیل"),
    "birthday": ("birthday", "تاریخ تولد", "تولد"),
    "gender": ("gender", "جنسیت"),
    "city": ("city", "شهر"),
    "sms_consent": ("sms_consent", "پیامک"),
    "email_consent": ("email_consent", "رضایت ایمیل"),
}
GENDERS = {
    "male": "male",
    "m": "male",
    "مرد": "male",
    "female": "female",
    "f": "female",
    "زن": "female",
    "other": "other",
    "سایر": "other",
}
YES = {"1", "yes", "y", "true", "بله", "آری"}
NO = {"", "0", "no", "n", "false", "خیر"}


class LoyaltyClubMemberImport(models.TransientModel):
    """Enrol members from a CSV file. Good lines are imported, each bad line
    is reported with its reason; nothing is silently dropped."""

    _name = "loyalty.club.member.import"
    _description = "Import Club Members"

    file = fields.Binary(string="CSV File", required=True)
    filename = fields.Char()
    line_ids = fields.One2many(
        "loyalty.club.member.import.line", "import_id", string="Report", readonly=True
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    created_count = fields.Integer(compute="_compute_counts")
    error_count = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.created_count = statuses.count("enrolled")
            wizard.error_count = statuses.count("error")

    def action_import(self):
        self.ensure_one()
        self.env["res.partner"].check_access("create")
        rows = self._read_rows()
        report = []
        seen_mobiles = {}
        for number, row in rows:
            try:
                values = self._prepare_member_values(row)
                mobile = values.get("mobile")
                if mobile in seen_mobiles:
                    raise UserError(
                        _(
                            "The mobile %(mobile)s is already on line %(line)s.",
                            mobile=mobile,
                            line=seen_mobiles[mobile],
                        )
                    )
                with self.env.cr.savepoint():
                    member = self._enrol(values)
                seen_mobiles[mobile] = number
                report.append(self._report_line(number, row, "enrolled", member=member))
            except (UserError, ValidationError) as error:
                report.append(self._report_line(number, row, "error", error.args[0]))
        self.write(
            {
                "line_ids": [fields.Command.create(vals) for vals in report],
                "state": "done",
            }
        )
        _logger.info(
            "Member import: %s enrolled, %s refused",
            self.created_count,
            self.error_count,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Reading the file
    # ------------------------------------------------------------------

    def _read_rows(self):
        """``[(line number, {column: value})]`` of the file's data lines."""
        raw = base64.b64decode(self.file or b"")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(
                _("The file must be a CSV file saved as UTF-8 text.")
            ) from error
        if not text.strip():
            raise UserError(_("The file is empty."))
        try:
            dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
        header = [self._column_of(cell) for cell in next(reader)]
        if "name" not in header or "mobile" not in header:
            raise UserError(
                _(
                    "The first line must name the columns, with at least name "
                    "and mobile."
                )
            )
        rows = []
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                row = {
                    column: cell.strip()
                    for column, cell in zip(header, cells, strict=False)
                    if column
                }
                rows.append((number, row))
        return rows

    @api.model
    def _column_of(self, header):
        header = normalize_text(header or "").strip().lower()
        for column, names in COLUMNS.items():
            if header in names:
                return column
        return None

    # ------------------------------------------------------------------
    # One line
    # ------------------------------------------------------------------

    @api.model
    def _prepare_member_values(self, row):
        name = normalize_text(row.get("name"))
        if not name:
            raise UserError(_("The name is missing."))
        mobile = normalize_iranian_mobile(row.get("mobile"))
        if not mobile:
            raise UserError(
                _(
                    "%(mobile)s is not an Iranian mobile number (09xxxxxxxxx).",
                    mobile=row.get("mobile") or _("An empty mobile"),
                )
            )
        values = {"name": name, "mobile": mobile, "club_member": True}
        if row.get("email"):
            values["email"] = row["email"]
        if row.get("city"):
            values["city"] = normalize_text(row["city"])
        if row.get("birthday"):
            values["club_birthday"] = self._parse_birthday(row["birthday"])
        if row.get("gender"):
            gender = GENDERS.get(normalize_text(row["gender"]).lower())
            if not gender:
                raise UserError(_("Unknown gender %(gender)s.", gender=row["gender"]))
            values["club_gender"] = gender
        for column in ("sms_consent", "email_consent"):
            if column in row:
                values[f"club_{column}"] = self._parse_yes_no(row[column])
        return values

    @api.model
    def _parse_birthday(self, text):
        """A Jalali (1370/07/15) or Gregorian (1991-10-07) date, with any
        digits."""
        parts = ascii_digits(text).replace("-", "/").replace(".", "/").split("/")
        try:
            year, month, day = (int(part) for part in parts)
            if year < 1700:
                return jalali.to_gregorian(year, month, day)
            return datetime.date(year, month, day)
        except ValueError as error:
            raise UserError(
                _(
                    "%(date)s is not a date: write it as 1370/07/15 or 1991-10-07.",
                    date=text,
                )
            ) from error

    @api.model
    def _parse_yes_no(self, text):
        value = normalize_text(text or "").lower()
        if value in YES:
            return True
        if value in NO:
            return False
        raise UserError(_("%(value)s is neither yes nor no.", value=text))

    def _enrol(self, values):
        """Enrol the contact who already has this mobile, or a new one."""
        partners = self.env["res.partner"]
        existing = partners.search([("club_mobile", "=", values["mobile"])], limit=1)
        if existing.club_member:
            raise UserError(
                _(
                    "%(mobile)s already belongs to the member %(member)s.",
                    mobile=values["mobile"],
                    member=existing.display_name,
                )
            )
        if existing:
            existing.write(values)
            return existing
        return partners.create(values)

    @api.model
    def _report_line(self, number, row, status, message=None, member=None):
        return {
            "line_number": number,
            "name": row.get("name"),
            "mobile": row.get("mobile"),
            "status": status,
            "message": message,
            "partner_id": member.id if member else False,
        }


class LoyaltyClubMemberImportLine(models.TransientModel):
    _name = "loyalty.club.member.import.line"
    _description = "Import Club Members: One Line"
    _order = "line_number"

    import_id = fields.Many2one(
        "loyalty.club.member.import", required=True, ondelete="cascade"
    )
    line_number = fields.Integer(string="Line")
    name = fields.Char()
    mobile = fields.Char()
    status = fields.Selection([("enrolled", "Enrolled"), ("error", "Refused")])
    message = fields.Char(string="Reason")
    partner_id = fields.Many2one("res.partner", string="Member")
