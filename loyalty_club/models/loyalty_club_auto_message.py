# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.tools import SQL

from .loyalty_club_messaging import REFUSALS, Letter

EVENTS = [
    ("welcome", "Welcome on enrolment"),
    ("birthday", "Birthday"),
    ("tier_up", "Tier up"),
    ("tier_down", "Tier down"),
    ("points_earned", "Points earned"),
    ("points_expiring", "Points expiring soon"),
    ("reward_redeemed", "Reward redeemed"),
    ("win_back", "Win-back after no purchase"),
]


class LoyaltyClubAutoMessage(models.Model):
    """A message the club sends by itself on an event, once per event and
    member, in the member's language, with their consent, outside the
    quiet hours."""

    _name = "loyalty.club.auto.message"
    _description = "Club Automatic Message"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    event = fields.Selection(EVENTS, required=True)
    days = fields.Integer(
        default=7,
        help="Points expiring: how many days ahead; win-back: after how many "
        "days without a purchase.",
    )
    send_sms = fields.Boolean(string="SMS", default=True)
    sms_body = fields.Text(string="SMS Text", translate=True)
    send_email = fields.Boolean(string="Email")
    email_subject = fields.Char(translate=True)
    email_body = fields.Html(string="Email Text", translate=True)
    log_ids = fields.One2many("loyalty.club.auto.message.log", "auto_message_id")
    sent_count = fields.Integer(compute="_compute_sent_count")

    @api.constrains("sms_body", "email_subject", "email_body")
    def _check_placeholders(self):
        for message in self:
            self.env["loyalty.club.messaging"]._check_placeholders(
                message.sms_body, message.email_subject, message.email_body
            )

    def _compute_sent_count(self):
        counts = dict(
            self.env["loyalty.club.auto.message.log"]._read_group(
                [("auto_message_id", "in", self.ids), ("state", "=", "sent")],
                ["auto_message_id"],
                ["__count"],
            )
        )
        for message in self:
            message.sent_count = counts.get(message, 0)

    def action_view_logs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "loyalty.club.auto.message.log",
            "view_mode": "list",
            "domain": [("auto_message_id", "=", self.id)],
        }

    # ------------------------------------------------------------------
    # Events
    # ------------------------------------------------------------------

    @api.model
    def _notify(self, event, partners, key, extra=None):
        """``event`` happened to ``partners``: queue the company's message for
        it, once per ``key`` (a string, or a function of the partner), and
        send what is not held by the quiet hours."""
        members = partners.filtered("club_member")
        if not members:
            return
        messages = self.sudo().search([("event", "=", event)])
        logs = self.env["loyalty.club.auto.message.log"].sudo()
        for message in messages:
            company = message.company_id
            held_until = self.env["loyalty.club.messaging"]._quiet_until(company)
            queued = logs._queue(
                message,
                members.filtered(lambda p, c=company: (p.company_id or c) == c),
                key,
                extra or {},
                held_until or fields.Datetime.now(),
            )
            if not held_until:
                queued._send()

    @api.model
    def _cron_daily_events(self):
        """The events nobody triggers: points about to expire, members who
        stopped buying."""
        today = fields.Date.context_today(self)
        partners = self.env["res.partner"]
        for message in self.sudo().search([("event", "=", "points_expiring")]):
            day = today + datetime.timedelta(days=message.days)
            members = partners.search(
                [("club_member", "=", True), ("club_next_expiry_date", "=", day)]
            )
            self._notify("points_expiring", members, f"expiring:{day}")
        for message in self.sudo().search([("event", "=", "win_back")]):
            day = today - datetime.timedelta(days=message.days)
            members = partners.search(
                [("club_member", "=", True), ("club_last_purchase_date", "=", day)]
            )
            self._notify("win_back", members, f"win_back:{day}")


class LoyaltyClubAutoMessageLog(models.Model):
    """One automatic message for one member and event: what makes it sent
    once only, and what waits for the end of the quiet hours."""

    _name = "loyalty.club.auto.message.log"
    _description = "Club Automatic Message Sent"
    _order = "id desc"

    auto_message_id = fields.Many2one(
        "loyalty.club.auto.message", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="auto_message_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, ondelete="cascade", index=True
    )
    event_key = fields.Char(required=True)
    state = fields.Selection(
        [("queued", "Waiting"), ("sent", "Sent"), ("skipped", "Not Sent")],
        default="queued",
        required=True,
    )
    sms_skip_reason = fields.Selection(REFUSALS, string="SMS Not Sent Because")
    email_skip_reason = fields.Selection(REFUSALS, string="Email Not Sent Because")
    scheduled_date = fields.Datetime(required=True, default=fields.Datetime.now)
    coupon_code = fields.Char()
    reward = fields.Char()
    sms_uuid = fields.Char(string="SMS UUID", index="btree_not_null")

    _sql_constraints = [
        (
            "once_per_event",
            "UNIQUE(auto_message_id, partner_id, event_key)",
            "An automatic message is sent once per event.",
        )
    ]

    def init(self):
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS loyalty_club_auto_message_log_queued_idx "
            "ON loyalty_club_auto_message_log (scheduled_date) WHERE state = 'queued'"
        )

    @api.model
    def _queue(self, message, partners, key, extra, scheduled_date):
        """The new logs of ``message`` for ``partners``; those already made for
        the same event are left alone."""
        if not partners:
            return self
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                "INSERT INTO loyalty_club_auto_message_log "
                "(auto_message_id, company_id, partner_id, event_key, state, "
                " scheduled_date, coupon_code, reward, create_uid, write_uid, "
                " create_date, write_date) "
                "SELECT %s, %s, partner_id, event_key, 'queued', %s, %s, %s, %s, %s, "
                "       NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC' "
                "FROM unnest(%s::int[], %s::varchar[]) AS new(partner_id, event_key) "
                "ON CONFLICT (auto_message_id, partner_id, event_key) DO NOTHING "
                "RETURNING id",
                message.id,
                message.company_id.id,
                scheduled_date,
                extra.get("coupon_code"),
                extra.get("reward"),
                self.env.uid,
                self.env.uid,
                partners.ids,
                [key(partner) if callable(key) else key for partner in partners],
            )
        )
        return self.browse([row[0] for row in rows])

    @api.model
    def _cron_send_queued(self, batch_size=1000):
        """Messages that waited for the end of the quiet hours."""
        due = self.search(
            [("state", "=", "queued"), ("scheduled_date", "<=", fields.Datetime.now())],
            limit=batch_size,
            order="scheduled_date, id",
        )
        due._send()
        remaining = self.search_count(
            [("state", "=", "queued"), ("scheduled_date", "<=", fields.Datetime.now())]
        )
        self.env["ir.cron"]._notify_progress(done=len(due), remaining=remaining)

    def _send(self):
        """Send these logs' messages: texts rendered in each member's
        language, the SMS created together, the blacklist read once."""
        if not self:
            return
        messaging = self.env["loyalty.club.messaging"]
        letters = []
        for log in self:
            partner = log.partner_id
            message = log.auto_message_id.with_context(lang=messaging._lang_of(partner))
            letters.append(
                Letter(
                    partner,
                    {"coupon_code": log.coupon_code or "", "reward": log.reward or ""},
                    sms_body=message.sms_body if message.send_sms else "",
                    email_subject=message.email_subject,
                    email_body=message.email_body if message.send_email else "",
                )
            )
        outcomes = messaging._deliver(letters)
        for log, outcome in zip(self, outcomes, strict=True):
            log.write(
                {
                    "state": "sent"
                    if outcome.sms or outcome.email_queued
                    else "skipped",
                    "sms_skip_reason": outcome.sms_refusal or False,
                    "email_skip_reason": outcome.email_refusal or False,
                    "sms_uuid": outcome.sms.uuid if outcome.sms else False,
                }
            )
