# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    """A member's points: the balance the ledger keeps in step, the
    figures read from the ledger, and the row lock that orders two tills."""

    # one model, one file per concern (members, balance, tiers, birthdays, segments)
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    club_points = fields.Integer(
        string="Points",
        copy=False,
        readonly=True,
        default=0,
        help="Spendable points. Negative when refunds took back points that "
        "were already spent: new earnings pay that debt first.",
    )
    club_move_ids = fields.One2many(
        "loyalty.club.move", "partner_id", string="Points History", readonly=True
    )
    club_points_pending = fields.Integer(
        string="Pending Points",
        compute="_compute_club_points_pending",
        compute_sudo=True,
    )
    club_points_expiring = fields.Integer(
        string="Expiring Soon",
        compute="_compute_club_points_expiring",
        compute_sudo=True,
        help="Points that expire within 30 days.",
    )
    club_points_expiring_date = fields.Date(
        string="Next Expiry",
        compute="_compute_club_points_expiring",
        compute_sudo=True,
    )

    def _compute_club_points_pending(self):
        moves = self.env["loyalty.club.move"]
        pending = dict(
            moves._read_group(
                [("partner_id", "in", self.ids), ("state", "=", "pending")],
                ["partner_id"],
                ["points:sum"],
            )
        )
        for partner in self:
            partner.club_points_pending = pending.get(partner, 0)

    def _compute_club_points_expiring(self):
        soon = fields.Date.context_today(self) + datetime.timedelta(days=30)
        groups = self.env["loyalty.club.move"]._read_group(
            [
                ("partner_id", "in", self.ids),
                ("state", "=", "posted"),
                ("remaining", ">", 0),
                ("expiry_date", "<=", soon),
            ],
            ["partner_id"],
            ["remaining:sum", "expiry_date:min"],
        )
        expiring = {partner: (points, date) for partner, points, date in groups}
        for partner in self:
            points, date = expiring.get(partner, (0, False))
            partner.club_points_expiring = points
            partner.club_points_expiring_date = date

    def action_view_club_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty_club.loyalty_club_move_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def _club_lock(self):
        """Lock the member's row until the end of the transaction, so that
        two tills changing the same balance run one after the other."""
        self.ensure_one()
        self.flush_recordset()
        self.env.execute_query(
            SQL(
                "SELECT id FROM res_partner WHERE id = %s FOR NO KEY UPDATE",
                self.id,
            )
        )

    def _club_locked_balance(self):
        self.ensure_one()
        [(balance,)] = self.env.execute_query(
            SQL("SELECT club_points FROM res_partner WHERE id = %s", self.id)
        )
        return balance or 0

    def _club_add_to_balance(self, delta):
        self.ensure_one()
        self.env.execute_query(
            SQL(
                "UPDATE res_partner SET club_points = COALESCE(club_points, 0) + %s "
                "WHERE id = %s",
                delta,
                self.id,
            )
        )
        self.invalidate_recordset(["club_points"])
