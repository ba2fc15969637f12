# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from ..tools import jalali
from .loyalty_club_messaging import Letter
from .loyalty_club_reward import COUPON_KINDS


class LoyaltyClubCampaign(models.Model):
    """An SMS and/or email to a segment of members, sent in batches by a
    cron, optionally with bonus points or a reward coupon for each."""

    _name = "loyalty.club.campaign"
    _inherit = ["mail.thread"]
    _description = "Club Campaign"
    _order = "id desc"
    _check_company_auto = True

    BATCH_SIZE = 500

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("scheduled", "Scheduled"),
            ("sending", "Sending"),
            ("done", "Sent"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    domain = fields.Char(
        string="Segment",
        default="[('club_member', '=', True)]",
        required=True,
        help="Which members receive it, by club fields: tier, points, when "
        "their points expire, last purchase, Jalali birthday month, gender, age "
        "group, city…",
    )
    # what _segment_eval_context gives, for the segment editor in the form
    segment_today = fields.Char(compute="_compute_segment_dates")
    segment_month_start = fields.Char(compute="_compute_segment_dates")
    segment_month_end = fields.Char(compute="_compute_segment_dates")
    recipient_count = fields.Integer(
        string="Members in Segment", compute="_compute_recipient_count"
    )
    send_sms = fields.Boolean(string="SMS", default=True)
    sms_body = fields.Text(string="SMS Text")
    send_email = fields.Boolean(string="Email")
    email_subject = fields.Char()
    email_body = fields.Html(string="Email Text")
    bonus_points = fields.Integer(
        help="Points each recipient is given; 0 for none.",
    )
    reward_id = fields.Many2one(
        "loyalty.club.reward",
        string="Gift Coupon",
        domain=[("kind", "in", COUPON_KINDS)],
        check_company=True,
        help="A coupon of this reward for each recipient, free of points; its "
        "code fills {coupon_code}.",
    )
    date_scheduled = fields.Datetime(string="Send On", tracking=True)
    preview_partner_id = fields.Many2one(
        "res.partner",
        string="Preview For",
        domain="[('club_member', '=', True),"
        " ('company_id', 'in', [company_id, False])]",
        store=False,
    )
    preview_sms = fields.Text(string="SMS Preview", compute="_compute_preview")
    preview_email = fields.Html(string="Email Preview", compute="_compute_preview")
    recipient_ids = fields.One2many("loyalty.club.campaign.recipient", "campaign_id")
    count_sms_sent = fields.Integer(string="SMS Sent", compute="_compute_results")
    count_sms_delivered = fields.Integer(
        string="SMS Delivered", compute="_compute_results"
    )
    count_sms_failed = fields.Integer(string="SMS Failed", compute="_compute_results")
    count_opted_out = fields.Integer(
        string="Without Consent",
        compute="_compute_results",
        help="Recipients who refused club messages by this campaign's channels, "
        "or whose number or address is blacklisted.",
    )
    count_email = fields.Integer(string="Emails Sent", compute="_compute_results")

    @api.constrains("sms_body", "email_subject", "email_body")
    def _check_placeholders(self):
        for campaign in self:
            self.env["loyalty.club.messaging"]._check_placeholders(
                campaign.sms_body, campaign.email_subject, campaign.email_body
            )

    # ------------------------------------------------------------------
    # Segment, preview, results
    # ------------------------------------------------------------------

    def _segment_domain(self):
        """The members the campaign goes to: its segment, among the members
        of its company (the cron sends as superuser, who sees them all)."""
        self.ensure_one()
        return [
            *safe_eval(self.domain or "[]", self._segment_eval_context()),
            ("club_member", "=", True),
            ("company_id", "in", [self.company_id.id, False]),
        ]

    def _segment_eval_context(self):
        """Names a segment may use to stay current: ``today``, and the first
        and last days of this Jalali month (``jalali_month_start``,
        ``jalali_month_end``), as ``YYYY-MM-DD``."""
        today = fields.Date.context_today(self)
        jtoday = jalali.to_jalali(today)
        start, end = jalali.month_bounds(jtoday.year, jtoday.month)
        return {
            "today": fields.Date.to_string(today),
            "jalali_month_start": fields.Date.to_string(start),
            "jalali_month_end": fields.Date.to_string(end),
        }

    def _compute_segment_dates(self):
        names = self._segment_eval_context()
        self.segment_today = names["today"]
        self.segment_month_start = names["jalali_month_start"]
        self.segment_month_end = names["jalali_month_end"]

    @api.depends("domain")
    def _compute_recipient_count(self):
        partners = self.env["res.partner"]
        for campaign in self:
            campaign.recipient_count = partners.search_count(campaign._segment_domain())

    @api.depends("preview_partner_id", "sms_body", "email_body")
    def _compute_preview(self):
        messaging = self.env["loyalty.club.messaging"]
        for campaign in self:
            partner = campaign.preview_partner_id
            extra = {
                "coupon_code": "ABCD-1234-EF56",
                "reward": campaign.reward_id.name or "",
            }
            campaign.preview_sms = partner and messaging._render(
                campaign.sms_body, partner, extra
            )
            campaign.preview_email = partner and messaging._render_html(
                campaign.email_body, partner, extra
            )

    def _compute_results(self):
        recipients = self.env["loyalty.club.campaign.recipient"]
        counts = {
            (campaign, state): count
            for campaign, state, count in recipients._read_group(
                [("campaign_id", "in", self.ids)],
                ["campaign_id", "sms_state"],
                ["__count"],
            )
        }
        emails = dict(
            recipients._read_group(
                [("campaign_id", "in", self.ids), ("email_state", "=", "queued")],
                ["campaign_id"],
                ["__count"],
            )
        )
        opted_out = dict(
            recipients._read_group(
                [("campaign_id", "in", self.ids), ("opted_out", "=", True)],
                ["campaign_id"],
                ["__count"],
            )
        )
        reports = self._count_sms_reports()
        for campaign in self:
            delivered, failed = reports.get(campaign.id, (0, 0))
            campaign.count_sms_sent = counts.get((campaign, "sent"), 0)
            campaign.count_sms_failed = failed
            campaign.count_sms_delivered = delivered
            campaign.count_opted_out = opted_out.get(campaign, 0)
            campaign.count_email = emails.get(campaign, 0)

    def _count_sms_reports(self):
        """``{campaign id: (delivered, failed)}``: failed are the SMS the
        gateway refused and those it could not deliver."""
        if not self.ids:
            return {}
        for model in ("loyalty.club.campaign.recipient", "loyalty.club.sms.message"):
            self.env[model].flush_model()
        self.env["sms.sms"].flush_model(["state"])
        rows = self.env.execute_query(
            SQL(
                "SELECT recipient.campaign_id, "
                "       COUNT(*) FILTER (WHERE message.state = 'delivered'), "
                "       COUNT(*) FILTER (WHERE message.state = 'failed' "
                "                          OR sms.state = 'error') "
                "FROM loyalty_club_campaign_recipient recipient "
                "LEFT JOIN loyalty_club_sms_message message "
                "       ON message.sms_uuid = recipient.sms_uuid "
                "LEFT JOIN sms_sms sms ON sms.id = recipient.sms_id "
                "WHERE recipient.campaign_id IN %s AND recipient.sms_uuid IS NOT NULL "
                "GROUP BY recipient.campaign_id",
                tuple(self.ids),
            )
        )
        return {
            campaign_id: (delivered, failed) for campaign_id, delivered, failed in rows
        }

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def action_schedule(self):
        for campaign in self:
            campaign._check_sendable()
        self.filtered(lambda c: c.state == "draft").write({"state": "scheduled"})
        self.filtered(
            lambda c: not c.date_scheduled
        ).date_scheduled = fields.Datetime.now()
        self.env.ref("loyalty_club.ir_cron_send_campaigns")._trigger()
        return True

    def action_cancel(self):
        self.filtered(lambda c: c.state in ("draft", "scheduled", "sending")).write(
            {"state": "cancelled"}
        )

    def action_draft(self):
        self.filtered(lambda c: c.state in ("scheduled", "cancelled")).write(
            {"state": "draft"}
        )

    def action_view_segment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Members in %(campaign)s", campaign=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": self._segment_domain(),
        }

    def _check_sendable(self):
        self.ensure_one()
        if not (self.send_sms or self.send_email):
            raise UserError(_("Choose SMS, email or both."))
        if self.send_sms and not self.sms_body:
            raise UserError(_("Write the SMS text."))
        if self.send_email and not (self.email_subject and self.email_body):
            raise UserError(_("Write the email's subject and text."))

    # ------------------------------------------------------------------
    # Sending, by the cron
    # ------------------------------------------------------------------

    @api.model
    def _cron_send(self):
        """Send the next batch of each due campaign; the cron comes back at
        once while batches remain (outside the quiet hours)."""
        now = fields.Datetime.now()
        campaigns = self.search(
            [
                "|",
                ("state", "=", "sending"),
                "&",
                ("state", "=", "scheduled"),
                ("date_scheduled", "<=", now),
            ]
        )
        messaging = self.env["loyalty.club.messaging"]
        remaining = 0
        for campaign in campaigns:
            if messaging._quiet_until(campaign.company_id, now):
                continue
            if campaign.state == "scheduled":
                campaign._prepare_recipients()
            remaining += campaign._send_batch(self.BATCH_SIZE)
        self.env["ir.cron"]._notify_progress(done=len(campaigns), remaining=remaining)
        return remaining

    def _prepare_recipients(self):
        """Freeze the segment as it is when sending starts."""
        self.ensure_one()
        partner_ids = self.env["res.partner"]._search(self._segment_domain())
        self.env["loyalty.club.campaign.recipient"].flush_model()
        self.env.execute_query(
            SQL(
                "INSERT INTO loyalty_club_campaign_recipient "
                "(campaign_id, company_id, partner_id, state, sms_state, email_state, "
                " opted_out, create_uid, write_uid, create_date, write_date) "
                "SELECT %s, %s, id, 'pending', 'none', 'none', false, %s, %s, "
                "       NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC' "
                "FROM (%s) AS segment "
                "ON CONFLICT (campaign_id, partner_id) DO NOTHING",
                self.id,
                self.company_id.id,
                self.env.uid,
                self.env.uid,
                partner_ids.subselect(),
            )
        )
        self.invalidate_recordset(["recipient_ids"])
        self.state = "sending"

    def _send_batch(self, size):
        """Send to the next ``size`` pending recipients: how many remain."""
        self.ensure_one()
        recipients = self.env["loyalty.club.campaign.recipient"].search(
            [("campaign_id", "=", self.id), ("state", "=", "pending")],
            limit=size,
            order="id",
        )
        recipients._send()
        remaining = self.env["loyalty.club.campaign.recipient"].search_count(
            [("campaign_id", "=", self.id), ("state", "=", "pending")]
        )
        if not remaining:
            self.state = "done"
        return remaining


class LoyaltyClubCampaignRecipient(models.Model):
    """A member a campaign went to, and what it did for them."""

    _name = "loyalty.club.campaign.recipient"
    _description = "Club Campaign Recipient"
    _order = "id"

    campaign_id = fields.Many2one(
        "loyalty.club.campaign", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="campaign_id.company_id", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, ondelete="cascade"
    )
    state = fields.Selection(
        [("pending", "To Send"), ("done", "Done")], default="pending", required=True
    )
    sms_state = fields.Selection(
        [("none", "Not Sent"), ("sent", "Sent")],
        string="SMS",
        default="none",
        required=True,
    )
    sms_id = fields.Many2one("sms.sms", string="Queued SMS", ondelete="set null")
    sms_uuid = fields.Char(string="SMS UUID", index="btree_not_null")
    email_state = fields.Selection(
        [("none", "Not Sent"), ("queued", "Sent")],
        string="Email",
        default="none",
        required=True,
    )
    opted_out = fields.Boolean(string="Without Consent")
    redemption_id = fields.Many2one("loyalty.club.redemption", string="Gift Coupon")

    _sql_constraints = [
        (
            "campaign_partner_unique",
            "UNIQUE(campaign_id, partner_id)",
            "A member receives a campaign once.",
        )
    ]

    def _send(self):
        """Everything the campaign gives these members (of one campaign),
        then its messages: gifts first, so that the texts show them, then the
        texts rendered for the whole batch at once."""
        if not self:
            return
        campaign = self.campaign_id
        campaign.ensure_one()
        extras = {recipient: recipient._give_gifts() for recipient in self}
        self.env.invalidate_all()  # balances and expiring points changed
        letters = [
            Letter(
                recipient.partner_id,
                extras[recipient],
                sms_body=campaign.sms_body if campaign.send_sms else "",
                email_subject=campaign.email_subject,
                email_body=campaign.email_body if campaign.send_email else "",
            )
            for recipient in self
        ]
        outcomes = self.env["loyalty.club.messaging"]._deliver(letters)
        for recipient, outcome in zip(self, outcomes, strict=True):
            values = {
                "state": "done",
                "opted_out": bool(outcome.sms_refusal or outcome.email_refusal),
            }
            if outcome.sms:
                values.update(
                    sms_state="sent", sms_id=outcome.sms.id, sms_uuid=outcome.sms.uuid
                )
            if outcome.email_queued:
                values["email_state"] = "queued"
            recipient.write(values)

    def _give_gifts(self):
        """The campaign's bonus points and gift coupon for this member: the
        placeholders they fill."""
        self.ensure_one()
        campaign, partner = self.campaign_id, self.partner_id
        extra = {"reward": campaign.reward_id.name or ""}
        if campaign.bonus_points:
            self.env["loyalty.club.move"]._post(
                partner,
                "earn",
                campaign.bonus_points,
                f"campaign:{campaign.id}:bonus:{partner.id}",
                company=campaign.company_id,
                source=campaign,
                description=_lt("Campaign %(campaign)s", campaign=campaign.name),
            )
        if campaign.reward_id:
            redemption = self.env["loyalty.club.redemption"]._give(
                partner, campaign.reward_id, campaign
            )
            self.redemption_id = redemption
            extra["coupon_code"] = redemption.coupon_code
        return extra
