# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import _, api, fields, models

from ..tools.normalize import normalize_iranian_mobile, normalize_text

_logger = logging.getLogger(__name__)

OPT_OUT_REPLY, OPT_IN_REPLY = "11", "12"


class LoyaltyClubSmsReply(models.Model):
    """An SMS a member sent to the club's line, kept so that it is acted on
    once: the gateways' unread feeds may hand a message out again, and the
    same 11 or 12 handled twice would flip the member's consent back. And
    kept before it is acted on: an unread feed hands a message out once, so
    a reply fetched by a run that then fails waits here for the next run."""

    _name = "loyalty.club.sms.reply"
    _description = "Club SMS Received From a Member"
    _order = "received_date desc, id desc"
    _rec_name = "number"

    gateway_id = fields.Many2one(
        "loyalty.club.sms.gateway", required=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="gateway_id.company_id", store=True)
    provider_message_id = fields.Char(
        string="Gateway Message ID", required=True, readonly=True
    )
    number = fields.Char(readonly=True)
    body = fields.Text(string="Message", readonly=True)
    received_date = fields.Datetime(string="Received On", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Member", index="btree_not_null", readonly=True
    )
    action = fields.Selection(
        [
            ("opt_out", "Stopped club SMS"),
            ("opt_in", "Accepts club SMS again"),
            ("note", "Noted on the member"),
            ("unknown", "Unknown number"),
        ],
        string="Outcome",
        readonly=True,
    )
    state = fields.Selection(
        [("received", "To Act On"), ("done", "Acted On")],
        default="received",
        required=True,
        readonly=True,
        index=True,
    )

    _sql_constraints = [
        (
            "gateway_message_unique",
            "UNIQUE(gateway_id, provider_message_id)",
            "A message of the gateway is recorded once.",
        )
    ]

    @api.model
    def _store(self, gateway, inbound):
        """Record the messages of ``inbound`` (``InboundMessage``) that
        ``gateway`` never handed out before, to be acted on."""
        fresh = self._unseen(gateway, inbound)
        if not fresh:
            return self
        members = self._members_by_number(fresh)
        return self.create(
            [self._reply_values(gateway, message, members) for message in fresh]
        )

    @api.model
    def _apply_received(self, gateway):
        """Act on the replies of ``gateway`` not acted on yet, oldest first:
        11 stops club SMS, 12 starts them again, any other text is noted on
        the member."""
        replies = self.search(
            [("gateway_id", "=", gateway.id), ("state", "=", "received")],
            order="received_date, id",
        )
        replies._apply()
        replies.state = "done"
        return replies

    def _unseen(self, gateway, inbound):
        seen = set(
            self.search(
                [
                    ("gateway_id", "=", gateway.id),
                    ("provider_message_id", "in", [m.message_id for m in inbound]),
                ]
            ).mapped("provider_message_id")
        )
        fresh = {}
        for message in inbound:
            if message.message_id not in seen:
                fresh.setdefault(message.message_id, message)
        return list(fresh.values())

    def _members_by_number(self, messages):
        numbers = {normalize_iranian_mobile(m.number) for m in messages} - {None}
        members = self.env["res.partner"].search(
            [("club_member", "=", True), ("club_mobile", "in", list(numbers))]
        )
        return {member.club_mobile: member for member in members}

    def _reply_values(self, gateway, message, members):
        number = normalize_iranian_mobile(message.number)
        member = members.get(number)
        return {
            "gateway_id": gateway.id,
            "provider_message_id": message.message_id,
            "number": number or message.number,
            "body": message.body,
            "received_date": message.received or fields.Datetime.now(),
            "partner_id": member.id if member else False,
            "action": self._action(message.body) if member else "unknown",
        }

    @api.model
    def _action(self, body):
        answer = normalize_text(body or "").replace(" ", "").replace("\u200c", "")
        return {OPT_OUT_REPLY: "opt_out", OPT_IN_REPLY: "opt_in"}.get(answer, "note")

    def _apply(self):
        for reply in self:
            member = reply.partner_id
            if not member:
                _logger.info(
                    "SMS gateway %s: a reply from an unknown number",
                    reply.gateway_id.id,
                )
                continue
            if reply.action in ("opt_out", "opt_in"):
                member.club_sms_consent = reply.action == "opt_in"
            member._club_log(reply._note())

    def _note(self):
        self.ensure_one()
        line = self.gateway_id.sender
        if self.action == "opt_out":
            return _("Replied 11 to the line %(line)s: no more club SMS.", line=line)
        if self.action == "opt_in":
            return _("Replied 12 to the line %(line)s: club SMS again.", line=line)
        return _("SMS reply to the line %(line)s: %(text)s", line=line, text=self.body)
