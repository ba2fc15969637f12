# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging
from urllib.parse import urlparse

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..tools.normalize import ascii_digits, normalize_iranian_mobile
from ..tools.sms_providers import PROVIDERS, SentMessage, SmsGatewayError

_logger = logging.getLogger(__name__)

# The regulator's opt-out footer of service-line club messages: reply 11.
OPT_OUT_FOOTER = "لغو۱۱"


class LoyaltyClubSmsGateway(models.Model):
    """An account at an Iranian SMS gateway. While one is enabled for the
    company, every SMS Odoo sends goes through it instead of Odoo's paid
    service (see ``sms.sms._send``).

    Nothing here waits for a busy gateway: SMS stay in Odoo's queue, whose
    next run is brought forward, and the crons ask again on their next run."""

    _name = "loyalty.club.sms.gateway"
    _inherit = ["mail.thread"]
    _description = "Club SMS Gateway"
    _order = "sequence, id"
    _check_company_auto = True

    # When Odoo's SMS queue runs again after the gateway said it was busy.
    BUSY_PAUSE = datetime.timedelta(minutes=2)

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    enabled = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="Odoo's SMS go through this gateway; at most one per company.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    provider = fields.Selection(
        [(code, provider.label) for code, provider in PROVIDERS.items()],
        required=True,
        default="kavenegar",
        tracking=True,
    )
    url = fields.Char(
        string="Gateway URL",
        compute="_compute_url",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        copy=False,
        tracking=True,
        help="The provider's API address, over https. Another server (a local "
        "test server) needs Test Mode.",
    )
    test_mode = fields.Boolean(
        copy=False,
        help="Lets the gateway URL point at another server than the provider's, "
        "over http too: for a local test server only, the API key goes there.",
    )
    api_key = fields.Char(
        string="API Key",
        copy=False,
        groups="loyalty_club.group_loyalty_club_manager",
    )
    sender = fields.Char(
        string="Sender Line",
        tracking=True,
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
    reply_count = fields.Integer(compute="_compute_reply_count")

    @api.depends("provider")
    def _compute_url(self):
        for gateway in self:
            gateway.url = PROVIDERS[gateway.provider].default_url

    def _compute_message_count(self):
        counts = self._count_by_gateway("loyalty.club.sms.message")
        for gateway in self:
            gateway.message_count = counts.get(gateway, 0)

    def _compute_reply_count(self):
        counts = self._count_by_gateway("loyalty.club.sms.reply")
        for gateway in self:
            gateway.reply_count = counts.get(gateway, 0)

    def _count_by_gateway(self, model):
        return dict(
            self.env[model]._read_group(
                [("gateway_id", "in", self.ids)], ["gateway_id"], ["__count"]
            )
        )

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

    @api.constrains("url", "provider", "test_mode")
    def _check_url(self):
        for gateway in self:
            if not gateway._url_allowed():
                raise ValidationError(
                    _(
                        "The gateway URL of %(provider)s must be its own API "
                        "address over https, %(url)s. A Club Manager can switch "
                        "on Test Mode to use a test server.",
                        provider=PROVIDERS[gateway.provider].label,
                        url=PROVIDERS[gateway.provider].default_url,
                    )
                )

    def _url_allowed(self):
        self.ensure_one()
        return self.test_mode or PROVIDERS[self.provider].is_own_url(self.url)

    @api.model_create_multi
    def create(self, vals_list):
        gateways = super().create(vals_list)
        gateways.filtered("test_mode")._log_test_mode()
        return gateways

    def write(self, vals):
        switched = self.browse()
        if "test_mode" in vals:
            switched = self.filtered(lambda g: g.test_mode != bool(vals["test_mode"]))
        result = super().write(vals)
        switched._log_test_mode()
        return result

    def _log_test_mode(self):
        """Test Mode sends the API key wherever the URL points: whoever
        switches it is noted on the chatter, whatever the context says."""
        on, off = self.filtered("test_mode"), self.filtered(lambda g: not g.test_mode)
        on._message_log_batch(
            dict.fromkeys(
                on.ids,
                _(
                    "Test Mode switched on: the gateway URL may point at another "
                    "server than the provider's, and the API key is sent there."
                ),
            )
        )
        off._message_log_batch(dict.fromkeys(off.ids, _("Test Mode switched off.")))
        if on:
            _logger.info(
                "SMS gateways %s: test mode switched on by user %s",
                on.ids,
                self.env.uid,
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
        return self._open_log("loyalty_club.loyalty_club_sms_message_action")

    def action_view_replies(self):
        return self._open_log("loyalty_club.loyalty_club_sms_reply_action")

    def _open_log(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
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
        """The provider's client; a URL refused outside test mode (a record
        older than the check) is an account error, nothing is sent there."""
        self.ensure_one()
        gateway = self.sudo()
        if not gateway._url_allowed():
            raise SmsGatewayError(
                "sms_acc", _("the gateway URL is refused outside Test Mode")
            )
        return PROVIDERS[gateway.provider](gateway.url, gateway.api_key, gateway.sender)

    def _call(self, request):
        """``request(provider)`` for the buttons: a failure, a busy gateway
        included, is a translated error for the user, without the API key."""
        try:
            return request(self._provider())
        except SmsGatewayError as error:
            raise UserError(self._failure_text(error.failure, error)) from None

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
        if error is not None and error.unreachable:
            # the network library's own words go to the log, not to the user
            _logger.info("SMS gateway %s unreachable: %s", self.id, error.detail)
            return self._unreachable_text(error.unreachable)
        if error is not None and error.busy:
            text = _("The gateway is busy; try again in a minute.")
        else:
            text = texts.get(failure, _("The gateway could not be reached or failed."))
        if error is not None and error.detail:
            text = _("%(text)s (gateway: %(detail)s)", text=text, detail=error.detail)
        return text

    def _unreachable_text(self, reason):
        host = urlparse(self._provider().url).hostname or _("the gateway")
        if reason == "timeout":
            return _(
                "%(host)s did not answer in time. Try again in a minute; if it "
                "keeps happening, check the server's internet access.",
                host=host,
            )
        return _(
            "Odoo could not connect to %(host)s: check the gateway's address and "
            "that this server can reach the internet.",
            host=host,
        )

    def _log_failure(self, what, error):
        _logger.info(
            "SMS gateway %s: %s: %s", self.id, what, error.detail or error.failure
        )

    # ------------------------------------------------------------------
    # Sending Odoo's SMS
    # ------------------------------------------------------------------

    def _send_sms(self, sms_records):
        """Send ``sms_records`` (``sms.sms``) through this gateway: ``{sms id:
        SentMessage}``. SMS missing from it were not sent because the gateway
        is busy: they stay queued, for a queue run brought forward."""
        self.ensure_one()
        outcome = {}
        try:
            provider = self._provider()
        except SmsGatewayError as error:
            self._log_failure(f"{len(sms_records)} messages not sent", error)
            return {
                sms.id: SentMessage(sms.number, failure=error.failure)
                for sms in sms_records
            }
        for body, records in sms_records.grouped("body").items():
            by_number = self._by_number(records, outcome)
            text = self._with_opt_out_footer(body or "", records, len(by_number))
            for numbers in tools.split_every(provider.max_recipients, list(by_number)):
                sent = self._send_chunk(provider, list(numbers), text)
                if sent is None:
                    self._process_queue_later()
                    return outcome
                for message in sent:
                    for sms in by_number.get(message.number, []):
                        outcome[sms.id] = message
        return outcome

    def _by_number(self, sms_records, outcome):
        """``{09… number: sms records}``; SMS without a mobile number fail
        in ``outcome``."""
        by_number = {}
        for sms in sms_records:
            number = normalize_iranian_mobile(sms.number or "")
            if number:
                by_number.setdefault(number, []).append(sms)
            else:
                outcome[sms.id] = SentMessage(sms.number, failure="sms_number_format")
        return by_number

    def _send_chunk(self, provider, numbers, text):
        """The ``SentMessage`` of each number; None when the gateway is busy."""
        try:
            return provider.send(numbers, text)
        except SmsGatewayError as error:
            self._log_failure(f"{len(numbers)} messages not sent", error)
            if error.busy:
                return None
            return [SentMessage(number, failure=error.failure) for number in numbers]

    def _process_queue_later(self):
        queue = self.env.ref(
            "sms.ir_cron_sms_scheduler_action", raise_if_not_found=False
        )
        if queue:
            queue.sudo()._trigger(fields.Datetime.now() + self.BUSY_PAUSE)

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
        """Ask for the reports of the messages still waiting for one, in the
        gateway's batches: up to ``max_status_ids`` ids a call, or one call
        per send call (SMS.ir's pack) when the gateway named it. A failed
        call ends the run; the next one asks the other messages first."""
        self.ensure_one()
        provider_class = PROVIDERS[self.provider]
        messages = self.env["loyalty.club.sms.message"].search(
            [
                ("gateway_id", "=", self.id),
                ("state", "=", "sent"),
                (
                    "create_date",
                    ">=",
                    fields.Datetime.now() - provider_class.report_window,
                ),
            ],
            order="checked_date asc nulls first, id",
            limit=limit,
        )
        try:
            provider = self._provider()
        except SmsGatewayError as error:
            self._log_failure("delivery reports not fetched", error)
            return
        for batch_id, group in messages.grouped("provider_batch_id").items():
            for chunk in tools.split_every(
                provider.max_status_ids, group.ids, messages.browse
            ):
                if not chunk._fetch_delivery_reports(provider, batch_id or None):
                    return

    @api.model
    def _cron_fetch_replies(self):
        for gateway in self.sudo().search([("enabled", "=", True)]):
            gateway._fetch_replies()

    def _fetch_replies(self):
        """Members' answers to the line, each acted on once however often
        the gateway hands it out (``loyalty.club.sms.reply``)."""
        self.ensure_one()
        try:
            inbound = self._provider().inbound()
        except SmsGatewayError as error:
            self._log_failure("replies not fetched", error)
            inbound = []
        # Each step commits on its own: what the gateway handed out is kept
        # even if acting on it fails, and a later run acts on it.
        self.env.flush_all()
        if inbound:
            with self.env.registry.cursor() as cr:
                gateway = self.with_env(self.env(cr=cr))
                gateway._replies_sudo()._store(gateway, inbound)
        with self.env.registry.cursor() as cr:
            gateway = self.with_env(self.env(cr=cr))
            gateway._replies_sudo()._apply_received(gateway)
        self.env.invalidate_all()  # consents changed in those transactions

    def _replies_sudo(self):
        return self.env["loyalty.club.sms.reply"].sudo()
