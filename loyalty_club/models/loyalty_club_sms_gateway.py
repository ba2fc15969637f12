# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging
import time

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..tools.normalize import ascii_digits, normalize_iranian_mobile, normalize_text
from ..tools.sms_providers import PROVIDERS, SmsGatewayError

_logger = logging.getLogger(__name__)

# The regulator's opt-out footer of service-line club messages: reply 11.
OPT_OUT_FOOTER = "لغو۱۱"
OPT_OUT_REPLY, OPT_IN_REPLY = "11", "12"


class LoyaltyClubSmsGateway(models.Model):
    """An account at an Iranian SMS gateway. While one is enabled for the
    company, every SMS Odoo sends goes through it instead of Odoo's paid
    service (see ``sms.sms._send``)."""

    _name = "loyalty.club.sms.gateway"
    _description = "Club SMS Gateway"
    _order = "sequence, id"
    _check_company_auto = True

    # Seconds to wait before asking a busy gateway again, within one send;
    # after that the messages stay queued for Odoo's next SMS queue run.
    RETRY_DELAYS = (1.0, 3.0)
    # Delivery reports are polled for messages younger than this.
    REPORT_LOOKBACK = datetime.timedelta(days=3)

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    enabled = fields.Boolean(
        readonly=True,
        copy=False,
        help="Odoo's SMS go through this gateway; at most one per company.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    provider = fields.Selection(
        [(code, provider.label) for code, provider in PROVIDERS.items()],
        required=True,
        default="kavenegar",
    )
    url = fields.Char(
        string="Gateway URL",
        compute="_compute_url",
        store=True,
        readonly=False,
        required=True,
        help="The provider's API address; change it only to use a test server.",
    )
    api_key = fields.Char(
        string="API Key",
        copy=False,
        groups="loyalty_club.group_loyalty_club_manager",
    )
    sender = fields.Char(
        string="Sender Line",
        help="The line number messages come from, e.g. 3000505 or 10004346.",
    )
    line_kind = fields.Selection(
        [("service", "Service line (خدماتی)"), ("advertising", "Advertising line")],
        default="service",
        required=True,
        help="Club messages sent from a service line end with the regulator's "
        "opt-out footer «لغو۱۱»; members reply 11 to stop, 12 to start again.",
    )
    credit = fields.Float(readonly=True, copy=False)
    credit_date = fields.Datetime(string="Credit Checked On", readonly=True, copy=False)
    test_number = fields.Char(
        string="Test Mobile", help="Where Send a Test SMS sends its message."
    )
    message_count = fields.Integer(compute="_compute_message_count")

    @api.depends("provider")
    def _compute_url(self):
        for gateway in self:
            gateway.url = PROVIDERS[gateway.provider].default_url

    def _compute_message_count(self):
        counts = dict(
            self.env["loyalty.club.sms.message"]._read_group(
                [("gateway_id", "in", self.ids)], ["gateway_id"], ["__count"]
            )
        )
        for gateway in self:
            gateway.message_count = counts.get(gateway, 0)

    @api.constrains("enabled", "company_id", "active")
    def _check_one_enabled_per_company(self):
        for gateway in self.filtered("enabled"):
            others = self.search_count(
                [
                    ("enabled", "=", True),
                    ("company_id", "=", gateway.company_id.id),
                    ("id", "!=", gateway.id),
                ]
            )
            if others:
                raise ValidationError(
                    _("Only one SMS gateway can be enabled per company.")
                )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_enable(self):
        self.ensure_one()
        if not self.sudo().api_key or not self.sender:
            raise UserError(_("Fill in the API key and the sender line first."))
        self.enabled = True

    def action_disable(self):
        self.enabled = False

    def action_check_credit(self):
        self.ensure_one()
        credit = self._call(lambda provider: provider.credit())
        self.write({"credit": credit, "credit_date": fields.Datetime.now()})
        return self._notify(_("Remaining credit: %(credit)s", credit=credit))

    def action_send_test(self):
        self.ensure_one()
        number = normalize_iranian_mobile(self.test_number or "")
        if not number:
            raise UserError(
                _(
                    "%(number)s is not an Iranian mobile number.",
                    number=self.test_number or "",
                )
            )
        body = _(
            "Test message from the customer club of %(company)s.",
            company=(self.company_id or self.env.company).name,
        )
        [sent] = self._call(lambda provider: provider.send([number], body))
        if sent.failure:
            raise UserError(self._failure_text(sent.failure))
        return self._notify(
            _("The gateway accepted the message (id %(id)s).", id=sent.message_id)
        )

    def action_view_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty_club.loyalty_club_sms_message_action"
        )
        action["domain"] = [("gateway_id", "=", self.id)]
        return action

    def _notify(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"message": message, "type": "success", "sticky": False},
        }

    # ------------------------------------------------------------------
    # Talking to the provider
    # ------------------------------------------------------------------

    @api.model
    def _enabled_gateway(self):
        """The gateway Odoo's SMS go through for the current company, if any."""
        return self.sudo().search(
            [
                ("enabled", "=", True),
                ("company_id", "in", [self.env.company.id, False]),
            ],
            order="company_id, sequence, id",
            limit=1,
        )

    def _provider(self):
        self.ensure_one()
        gateway = self.sudo()
        return PROVIDERS[gateway.provider](gateway.url, gateway.api_key, gateway.sender)

    def _call(self, request):
        """``request(provider)`` for the buttons: a failure is a translated
        error for the user, without the API key."""
        try:
            return self._call_with_retries(request)
        except SmsGatewayError as error:
            raise UserError(self._failure_text(error.failure, error)) from None

    def _call_with_retries(self, request):
        """``request(provider)``, asked again after a pause while the gateway
        answers that it is busy (it sent nothing then)."""
        provider = self._provider()
        for delay in (*self.RETRY_DELAYS, None):
            try:
                return request(provider)
            except SmsGatewayError as error:
                if not error.busy or delay is None:
                    raise
                _logger.info("SMS gateway %s is busy, asking again", self.id)
                time.sleep(delay)

    def _failure_text(self, failure, error=None):
        texts = {
            "sms_acc": _(
                "The gateway refused the account: check the API key and the "
                "sender line."
            ),
            "sms_credit": _("The gateway account has no credit left."),
            "sms_number_format": _("The gateway refused the mobile number."),
            "sms_blacklist": _(
                "The recipient refuses messages from advertising lines."
            ),
        }
        if error is not None and error.busy:
            text = _("The gateway is busy; try again in a minute.")
        else:
            text = texts.get(failure, _("The gateway could not be reached or failed."))
        if error is not None and error.detail:
            text = _("%(text)s (gateway: %(detail)s)", text=text, detail=error.detail)
        return text

    # ------------------------------------------------------------------
    # Sending Odoo's SMS
    # ------------------------------------------------------------------

    def _send_sms(self, sms_records):
        """Send ``sms_records`` (``sms.sms``) through this gateway: ``{sms id:
        (message id, failure)}``; messages missing from it were not sent
        because the gateway stayed busy, and stay queued."""
        self.ensure_one()
        outcome = {}
        provider_class = PROVIDERS[self.provider]
        for body, records in sms_records.grouped("body").items():
            by_number = {}
            for sms in records:
                number = normalize_iranian_mobile(sms.number or "")
                if number:
                    by_number.setdefault(number, []).append(sms)
                else:
                    outcome[sms.id] = (None, "sms_number_format")
            text = self._with_opt_out_footer(body or "", records, len(by_number))
            for numbers in tools.split_every(
                provider_class.max_recipients, list(by_number)
            ):
                for number, result in self._send_chunk(list(numbers), text).items():
                    for sms in by_number[number]:
                        outcome[sms.id] = result
        return outcome

    def _send_chunk(self, numbers, text):
        try:
            sent = self._call_with_retries(
                lambda provider: provider.send(numbers, text)
            )
        except SmsGatewayError as error:
            _logger.info(
                "SMS gateway %s: %s messages not sent: %s",
                self.id,
                len(numbers),
                error.detail or error.failure,
            )
            if error.busy:
                return {}
            return {number: (None, error.failure) for number in numbers}
        return {
            message.number: (message.message_id, message.failure) for message in sent
        }

    def _with_opt_out_footer(self, body, records, recipients):
        """Club messages and bulk sends from a service line end with «لغو۱۱»."""
        if self.line_kind != "service":
            return body
        if recipients < 2 and not any(records.mapped("club_opt_out_footer")):
            return body
        if ascii_digits(body).replace(" ", "").rstrip().endswith("لغو11"):
            return body
        return f"{body.rstrip()}\n{OPT_OUT_FOOTER}"

    # ------------------------------------------------------------------
    # Crons: delivery reports and replies
    # ------------------------------------------------------------------

    @api.model
    def _cron_fetch_delivery_reports(self, limit=5000):
        for gateway in self.sudo().search([("enabled", "=", True)]):
            gateway._fetch_delivery_reports(limit)

    def _fetch_delivery_reports(self, limit):
        self.ensure_one()
        messages = self.env["loyalty.club.sms.message"].search(
            [
                ("gateway_id", "=", self.id),
                ("state", "=", "sent"),
                ("create_date", ">=", fields.Datetime.now() - self.REPORT_LOOKBACK),
            ],
            order="checked_date asc nulls first, id",
            limit=limit,
        )
        batch_size = PROVIDERS[self.provider].max_status_ids
        for batch in tools.split_every(batch_size, messages.ids, messages.browse):
            ids = batch.mapped("provider_message_id")
            try:
                reports = self._call_with_retries(
                    lambda provider, ids=ids: provider.delivery_reports(ids)
                )
            except SmsGatewayError as error:
                _logger.info(
                    "SMS gateway %s: delivery reports failed: %s",
                    self.id,
                    error.detail or error.failure,
                )
                return
            batch._apply_delivery_reports(reports)

    @api.model
    def _cron_fetch_replies(self):
        for gateway in self.sudo().search([("enabled", "=", True)]):
            try:
                replies = gateway._call_with_retries(
                    lambda provider: provider.inbound()
                )
            except SmsGatewayError as error:
                _logger.info(
                    "SMS gateway %s: replies not fetched: %s",
                    gateway.id,
                    error.detail or error.failure,
                )
                continue
            for reply in replies:
                gateway._handle_reply(reply)

    def _handle_reply(self, reply):
        """A member answering the line: 11 stops club SMS, 12 starts them
        again; any other text is kept on the member's chatter."""
        number = normalize_iranian_mobile(reply.number)
        members = self.env["res.partner"].search(
            [("club_member", "=", True), ("club_mobile", "=", number or reply.number)]
        )
        if not members:
            _logger.info("SMS gateway %s: a reply from an unknown number", self.id)
            return
        answer = normalize_text(reply.body).replace(" ", "").replace("\u200c", "")
        for member in members:
            if answer == OPT_OUT_REPLY:
                member.club_sms_consent = False
                member._club_log(
                    _(
                        "Replied 11 to the line %(line)s: no more club SMS.",
                        line=self.sender,
                    )
                )
            elif answer == OPT_IN_REPLY:
                member.club_sms_consent = True
                member._club_log(
                    _(
                        "Replied 12 to the line %(line)s: club SMS again.",
                        line=self.sender,
                    )
                )
            else:
                member._club_log(
                    _(
                        "SMS reply to the line %(line)s: %(text)s",
                        line=self.sender,
                        text=reply.body,
                    )
                )
