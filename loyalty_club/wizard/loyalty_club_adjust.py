# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class LoyaltyClubAdjust(models.TransientModel):
    """A manager's correction of a member's points, with its reason."""

    _name = "loyalty.club.adjust"
    _inherit = ["loyalty.club.member.wizard"]
    _description = "Adjust a Member's Points"

    points = fields.Integer(
        required=True,
        help="Points to add; a negative number takes points away.",
    )
    reason = fields.Char(required=True)
    expiry_date = fields.Date(
        help="When the added points expire; empty for the club's usual validity."
    )

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("loyalty_club.group_loyalty_club_manager"):
            raise AccessError(_("Only a Club Manager can adjust points."))
        if not self.points:
            raise UserError(_("Enter the number of points to add or take away."))
        if not (self.reason or "").strip():
            raise UserError(_("Say why the points are adjusted."))
        partner = self.partner_id
        self.env["loyalty.club.move"]._post(
            partner,
            "adjust",
            self.points,
            f"adjust:{self.id}",
            source=self.env.user,
            description=self.reason,
            expiry_date=self.expiry_date or None,
        )
        partner.message_post(
            body=Markup("<p>%s</p>")
            % _(
                "%(user)s adjusted the points by %(points)s: %(reason)s",
                user=self.env.user.name,
                points=self.points,
                reason=self.reason,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
