# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
import random

from odoo import Command, _lt, api, fields, models

from ..tools import jalali

FIRST_NAMES = (
    "علی", "محمد", "حسین", "رضا", "مهدی", "امیر", "سعید", "حمید", "نیما", "کاوه",
    "زهرا", "فاطمه", "مریم", "سارا", "نرگس", "لیلا", "مینا", "شیرین", "الهام", "پریسا",
)  # fmt: skip
LAST_NAMES = (
    "محمدی", "حسینی", "احمدی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی",
    "رحیمی", "کاظمی", "نوری", "تهرانی", "شیرازی", "اصفهانی", "قاسمی", "یزدانی",
)  # fmt: skip
CITIES = ("تهران", "اصفهان", "شیراز", "مشهد", "تبریز", "کرج", "رشت", "یزد")


class LoyaltyClubDemo(models.AbstractModel):
    """Demo data that XML cannot say briefly: members with a purchase
    history that lands them in every tier. Called from demo/*.xml only."""

    _name = "loyalty.club.demo"
    _description = "Customer Club Demo Data"

    @api.model
    def _generate_members(self, count=45, seed=1404):
        rng = random.Random(seed)
        values = []
        for index in range(count):
            first = FIRST_NAMES[index % len(FIRST_NAMES)]
            last = rng.choice(LAST_NAMES)
            birthday = jalali.to_gregorian(
                rng.randint(1340, 1385), rng.randint(1, 12), rng.randint(1, 29)
            )
            values.append(
                {
                    "name": f"{first} {last}",
                    "mobile": f"0912{5000000 + index * 137:07d}",
                    "city": rng.choice(CITIES),
                    "lang": "fa_IR",
                    "club_member": True,
                    "club_birthday": birthday,
                    "club_gender": "female"
                    if index % len(FIRST_NAMES) >= 10
                    else "male",
                    "club_sms_consent": rng.random() < 0.8,
                    "club_email_consent": rng.random() < 0.4,
                }
            )
        return self.env["res.partner"].create(values)

    @api.model
    def _generate_purchase_history(self, product_xmlid, seed=1404):
        """Confirm orders for every member (points spendable at once), the
        amounts spread so that members reach Bronze, Silver and Gold."""
        rng = random.Random(seed)
        product = self.env.ref(product_xmlid)
        company = self.env.company
        pending_days = company.club_pending_days
        company.club_pending_days = 0
        members = self.env["res.partner"].search(
            [("club_member", "=", True)], order="id"
        )
        orders = self.env["sale.order"]
        price = product.lst_price or 1.0
        # order amounts of occasional, regular and big spenders
        profiles = ((100, 300), (400, 1200), (1500, 3000))
        for index, member in enumerate(members):
            profile = index % 3
            for _visit in range(1 + profile * 2 + rng.randint(0, 2)):
                amount = rng.uniform(*profiles[profile])
                quantity = max(1, math.ceil(amount / price))
                orders |= self.env["sale.order"].create(
                    {
                        "partner_id": member.id,
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "product_uom_qty": quantity}
                            )
                        ],
                    }
                )
        orders.action_confirm()
        company.club_pending_days = pending_days
        return orders

    @api.model
    def _generate_expiring_points(self, points=150):
        """Gift points expiring at the end of this Jalali month for every
        other Gold member, so that the demo campaign "points expiring this
        month" has someone to write to."""
        today = fields.Date.context_today(self)
        jtoday = jalali.to_jalali(today)
        __, month_end = jalali.month_bounds(jtoday.year, jtoday.month)
        gold = self.env.ref("loyalty_club.loyalty_club_tier_gold")
        members = self.env["res.partner"].search(
            [("club_member", "=", True), ("club_tier_id", "=", gold.id)], order="id"
        )
        for member in members[::2]:
            self.env["loyalty.club.move"]._post(
                member,
                "adjust",
                points,
                f"demo:expiring:{member.id}",
                description=_lt("Autumn gift points (demo)"),
                expiry_date=month_end,
            )

    @api.model
    def _switch_on_auto_messages(self):
        """The demo club sends its automatic messages (to members who accept
        SMS): welcome, birthday, tier up, reward redeemed, points expiring."""
        events = [
            "welcome",
            "birthday",
            "tier_up",
            "reward_redeemed",
            "points_expiring",
        ]
        self.env["loyalty.club.auto.message"].with_context(active_test=False).search(
            [("event", "in", events)]
        ).active = True
