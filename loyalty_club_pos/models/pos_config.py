# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.loyalty_club.tools.normalize import normalize_text


def record_id(env, value):
    """A record id the till sent: a positive integer, nothing else."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise UserError(env._("The till sent an invalid reference."))
    return value


class PosConfig(models.Model):
    _inherit = "pos.config"

    def use_coupon_code(self, code, creation_date, partner_id, pricelist_id):
        """The till's "Enter Code" and coupon scans: a club coupon only for
        its owner as the order's customer; Persian or Arabic digits work."""
        code = normalize_text(code or "")
        coupon = self.env["loyalty.card"].sudo()._club_find_by_code(code)
        if coupon:
            partner = self.env["res.partner"].browse(partner_id or []).exists()
            refusal = coupon._club_refusal_for(
                partner,
                self.name,
                anonymous_refusal=_(
                    "This coupon belongs to a club member: set its owner as the "
                    "customer first."
                ),
            )
            if refusal:
                return {"successful": False, "payload": {"error_message": refusal}}
        return super().use_coupon_code(code, creation_date, partner_id, pricelist_id)

    def get_limited_partners_loading(self):
        """The ~100 customers the till preloads, as stock Odoo picks them
        (most Point of Sale orders first, then by name), without reading
        every contact: stock Odoo sorts the whole partner table, which grows
        with the club (40 ms at 100,000 members). The busiest customers come
        from the orders, the rest from the name index."""
        limit = 100
        company = SQL(
            "(partner.company_id = %s OR partner.company_id IS NULL)",
            self.company_id.id,
        )
        return self.env.execute_query(
            SQL(
                """
                WITH busiest AS (
                    SELECT partner.id, partner.name, COUNT(*) AS order_count
                    FROM pos_order
                    JOIN res_partner AS partner ON partner.id = pos_order.partner_id
                    WHERE %(company)s
                    GROUP BY partner.id, partner.name
                    ORDER BY order_count DESC, partner.name
                    LIMIT %(limit)s
                ), by_name AS (
                    SELECT partner.id, partner.name, 0 AS order_count
                    FROM res_partner AS partner
                    WHERE %(company)s
                      AND partner.id NOT IN (SELECT id FROM busiest)
                    ORDER BY partner.name
                    LIMIT %(limit)s
                )
                SELECT id FROM (
                    SELECT * FROM busiest UNION ALL SELECT * FROM by_name
                ) AS candidates
                ORDER BY order_count DESC, name
                LIMIT %(limit)s
                """,
                company=company,
                limit=limit,
            )
        )

    # ------------------------------------------------------------------
    # What the till's club calls share
    # ------------------------------------------------------------------

    @api.model
    def _club_get_config(self, config_id):
        """The till the caller works at, if they may use it: only Point of
        Sale users read tills, and only those of their companies."""
        config = self.browse(record_id(self.env, config_id)).exists()
        if not config:
            raise UserError(_("This Point of Sale does not exist."))
        config.check_access("read")
        return config

    def _club_member_domain(self):
        """The club members this till serves: those of its company, or of
        no company."""
        self.ensure_one()
        return [
            ("club_member", "=", True),
            ("company_id", "in", [self.company_id.id, False]),
        ]

    def _club_program_ids(self):
        """The coupon programs of the club's rewards that this till applies."""
        self.ensure_one()
        return self._get_program_ids().filtered("club_reward_id")
