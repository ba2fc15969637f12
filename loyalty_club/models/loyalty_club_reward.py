# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

COUPON_KINDS = ("fixed_discount", "percent_discount", "free_product", "free_shipping")


class LoyaltyClubReward(models.Model):
    """An item of the club's reward catalog: what members spend points on.

    Discount and product rewards are spent through a native Odoo coupon: each
    such reward owns a hidden ``loyalty.program`` of type coupons whose one
    ``loyalty.reward`` says what the coupon gives, so the stock sale, POS and
    eCommerce code apply it."""

    _name = "loyalty.club.reward"
    _inherit = ["image.mixin", "loyalty.club.applicability.mixin"]
    _description = "Club Reward"
    _order = "sequence, points_cost, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    description = fields.Html(translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(
        [
            ("fixed_discount", "Fixed discount"),
            ("percent_discount", "Percentage discount"),
            ("free_product", "Free product"),
            ("free_shipping", "Free shipping"),
            ("gift", "Physical gift"),
            ("ewallet", "eWallet credit"),
        ],
        required=True,
        default="fixed_discount",
    )
    points_cost = fields.Integer(string="Points", required=True)
    discount_amount = fields.Monetary(string="Discount")
    discount_percent = fields.Float(string="Discount (%)", digits=(16, 2))
    discount_max_amount = fields.Monetary(
        string="Discount Cap",
        help="The most a percentage discount or free shipping takes off; 0 for no cap.",
    )
    product_id = fields.Many2one(
        "product.product",
        help="The free product, or the gift handed over.",
        check_company=True,
    )
    ewallet_amount = fields.Monetary(string="eWallet Credit")
    coupon_validity_days = fields.Integer(
        string="Coupon Validity (Days)",
        default=30,
        help="How long the member has to use the coupon.",
    )
    tier_ids = fields.Many2many(
        help="Only members of these tiers may redeem it; empty for all.",
    )
    stock_limited = fields.Boolean(
        string="Limited Stock",
        help="Only a number of these rewards can be given (a gift in the "
        "shop's storeroom): redemptions stop at zero.",
    )
    stock = fields.Integer(
        help="How many can still be redeemed, when the stock is limited. A "
        "redemption takes one, its cancellation gives it back.",
    )
    limit_per_member = fields.Integer(
        string="Limit per Member",
        help="How many times one member may redeem it in the period; 0 for no limit.",
    )
    limit_period = fields.Selection(
        [("ever", "Ever"), ("month", "Per month"), ("year", "Per year")],
        default="ever",
        required=True,
    )
    limit_per_day = fields.Integer(
        string="Limit per Day",
        help="How many the whole club may redeem in a day; 0 for no limit.",
    )
    program_id = fields.Many2one(
        "loyalty.program",
        string="Coupon Program",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The hidden native program whose coupons this reward issues.",
    )
    redemption_count = fields.Integer(compute="_compute_redemption_count")

    _sql_constraints = [
        ("points_cost_positive", "CHECK(points_cost > 0)", "A reward costs points."),
        (
            "stock_valid",
            "CHECK(stock >= 0)",
            "The stock of a reward cannot be negative.",
        ),
    ]

    def _compute_redemption_count(self):
        counts = dict(
            self.env["loyalty.club.redemption"]._read_group(
                [("reward_id", "in", self.ids)], ["reward_id"], ["__count"]
            )
        )
        for reward in self:
            reward.redemption_count = counts.get(reward, 0)

    @api.constrains(
        "kind",
        "discount_amount",
        "discount_percent",
        "product_id",
        "ewallet_amount",
        "channel_pos",
    )
    def _check_kind_values(self):
        for reward in self:
            problem = reward._kind_problem()
            if problem:
                raise ValidationError(problem)

    def _kind_problem(self):
        self.ensure_one()
        if self.kind == "fixed_discount" and self.discount_amount <= 0:
            return _("%(reward)s needs a discount amount.", reward=self.name)
        if self.kind == "percent_discount" and not 0 < self.discount_percent <= 100:
            return _(
                "%(reward)s needs a percentage between 0 and 100.", reward=self.name
            )
        if self.kind in ("free_product", "gift") and not self.product_id:
            return _("%(reward)s needs its product.", reward=self.name)
        if self.kind == "ewallet" and self.ewallet_amount <= 0:
            return _("%(reward)s needs the credit it gives.", reward=self.name)
        if self.kind == "free_shipping":
            if "shipping" not in self._native_reward_types():
                return _(
                    "Free shipping needs the Delivery app: install it, then "
                    "create %(reward)s again.",
                    reward=self.name,
                )
            if self.channel_pos:
                return _(
                    "%(reward)s: free shipping cannot be given at the till; "
                    "untick Point of Sale.",
                    reward=self.name,
                )
        return None

    def _native_reward_types(self):
        field = self.env["loyalty.reward"]._fields["reward_type"]
        return field.get_values(self.env)

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind == "free_shipping":
            self.channel_pos = False

    @api.model_create_multi
    def create(self, vals_list):
        rewards = super().create(vals_list)
        rewards._sync_program()
        return rewards

    def write(self, vals):
        result = super().write(vals)
        if not self.env.context.get("loyalty_club_program_synced"):
            self._sync_program()
        return result

    def action_view_redemptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty_club.loyalty_club_redemption_action"
        )
        action["domain"] = [("reward_id", "=", self.id)]
        action["context"] = {"default_reward_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Who may redeem
    # ------------------------------------------------------------------

    def _refusal_for(self, partner, channel="sale", counts=None):
        """Why ``partner`` cannot redeem this reward now, or None.

        :param counts: what ``_redemption_counts`` returned, when the caller
            computed it for a batch of rewards
        """
        self.ensure_one()
        if not partner.club_member:
            return _("%(partner)s is not a club member.", partner=partner.display_name)
        refusal = self._offer_refusal(partner, channel)
        if refusal:
            return refusal
        if counts is None:
            counts = self._redemption_counts(partner)
        refusal = self._limit_refusal(partner, counts)
        if refusal:
            return refusal
        if partner.club_points < self.points_cost:
            return _(
                "%(partner)s has %(balance)s points; this reward costs %(cost)s.",
                partner=partner.display_name,
                balance=partner.club_points,
                cost=self.points_cost,
            )
        return None

    def _offer_refusal(self, partner, channel):
        """Whether the reward is offered to this member here and today."""
        today = fields.Date.context_today(self)
        if not self.active:
            return _("This reward is no longer offered.")
        if not self._applies_on(today):
            return _("This reward is not offered today.")
        if not self._applies_to_channel(channel):
            return _("This reward cannot be redeemed here.")
        if not self._applies_to_tier(partner.club_tier_id):
            return _(
                "This reward is for %(tiers)s members.",
                tiers=", ".join(self.tier_ids.mapped("name")),
            )
        if self.stock_limited and self.stock <= 0:
            return _("This reward is out of stock.")
        return None

    def _limit_refusal(self, partner, counts):
        """The caps: per member and period, per day for the whole club, and
        the company's rewards per member per day."""
        if self.limit_per_member:
            used = counts["period"].get(self.id, 0)
            if used >= self.limit_per_member:
                return _(
                    "%(partner)s already redeemed this reward %(count)s times.",
                    partner=partner.display_name,
                    count=used,
                )
        if self.limit_per_day and counts["today"].get(self.id, 0) >= self.limit_per_day:
            return _(
                "Today's %(count)s of this reward are all taken; it is offered "
                "again tomorrow.",
                count=self.limit_per_day,
            )
        daily_limit = self.company_id.club_redemption_daily_limit
        if daily_limit and counts["member_today"] >= daily_limit:
            return _(
                "%(partner)s already redeemed %(count)s rewards today, the most "
                "a member may redeem in a day.",
                partner=partner.display_name,
                count=counts["member_today"],
            )
        return None

    def _redemption_counts(self, partner, exclude=None):
        """What the limits of the rewards of ``self`` count, in a fixed number
        of queries whatever the size of the catalog::

            {"period": {reward id: the member's redemptions in its period},
             "today": {reward id: the whole club's redemptions today},
             "member_today": the member's redemptions today}

        :param exclude: a redemption not to count, the one being checked
        """
        redemptions = self.env["loyalty.club.redemption"].sudo()
        live = [
            ("state", "not in", ("draft", "cancelled")),
            ("campaign_id", "=", False),  # gifts are outside the limits
        ]
        if exclude:
            live.append(("id", "not in", exclude.ids))
        day_start = redemptions._day_start()
        counts = {"period": {}, "today": {}}
        limited = self.filtered("limit_per_member")
        for period, rewards in limited.grouped("limit_period").items():
            domain = [("partner_id", "=", partner.id), ("reward_id", "in", rewards.ids)]
            start = redemptions._period_start(period, fields.Date.context_today(self))
            if start:
                domain.append(("create_date", ">=", start))
            counts["period"].update(
                (reward.id, count)
                for reward, count in redemptions._read_group(
                    live + domain, ["reward_id"], ["__count"]
                )
            )
        daily = self.filtered("limit_per_day")
        if daily:
            counts["today"] = {
                reward.id: count
                for reward, count in redemptions._read_group(
                    [
                        *live,
                        ("reward_id", "in", daily.ids),
                        ("create_date", ">=", day_start),
                    ],
                    ["reward_id"],
                    ["__count"],
                )
            }
        counts["member_today"] = redemptions.search_count(
            [*live, ("partner_id", "=", partner.id), ("create_date", ">=", day_start)]
        )
        return counts

    @api.model
    def get_club_catalog(self, partner_id, channel="sale"):
        """The catalog as ``partner_id`` sees it: every active reward with
        whether they can redeem it now, and why not. For the POS and the
        portal; the caller must be allowed to read the member."""
        self._check_channel(channel)
        partner = self.env["res.partner"].browse(int(partner_id)).exists()
        if not partner:
            raise UserError(_("This member does not exist."))
        partner.check_access("read")
        rewards = self.search([])
        counts = rewards._redemption_counts(partner)
        catalog = []
        for reward in rewards:
            refusal = reward._refusal_for(partner, channel, counts)
            catalog.append(
                {
                    "id": reward.id,
                    "name": reward.name,
                    "kind": reward.kind,
                    "points": reward.points_cost,
                    "redeemable": not refusal,
                    "reason": refusal or "",
                }
            )
        return catalog

    # ------------------------------------------------------------------
    # The hidden native program
    # ------------------------------------------------------------------

    def _take_from_stock(self):
        """One item of a limited stock, taken atomically: two tills
        redeeming the last item at once cannot both have it."""
        self.ensure_one()
        if not self.stock_limited:
            return
        self.flush_recordset(["stock"])
        [row] = self.env.execute_query(
            SQL(
                "UPDATE loyalty_club_reward SET stock = stock - 1 "
                "WHERE id = %s AND stock > 0 RETURNING 1",
                self.id,
            )
        ) or [None]
        self.invalidate_recordset(["stock"])
        if row is None:
            raise UserError(_("This reward is out of stock."))

    def _return_to_stock(self):
        self.ensure_one()
        if self.stock_limited:
            self.flush_recordset(["stock"])
            self.env.execute_query(
                SQL(
                    "UPDATE loyalty_club_reward SET stock = stock + 1 WHERE id = %s",
                    self.id,
                )
            )
            self.invalidate_recordset(["stock"])

    def _sync_program(self):
        """Create or update the coupon program of coupon rewards."""
        programs = self.env["loyalty.program"].sudo()
        for reward in self.filtered(lambda r: r.kind in COUPON_KINDS):
            values = reward._prepare_program_values()
            if reward.program_id:
                reward.program_id.sudo().write(
                    {
                        key: value
                        for key, value in values.items()
                        if key not in ("reward_ids", "program_type")
                    }
                )
                reward.program_id.reward_ids.sudo().write(
                    reward._prepare_native_reward_values()
                )
            else:
                program = programs.create(values)
                reward.with_context(loyalty_club_program_synced=True).write(
                    {"program_id": program.id}
                )

    def _prepare_program_values(self):
        self.ensure_one()
        return {
            "name": _("Club reward: %(reward)s", reward=self.name),
            "program_type": "coupons",
            "trigger": "with_code",
            "applies_on": "current",
            "company_id": self.company_id.id,
            "active": self.active,
            "sale_ok": self.channel_sale,
            "club_reward_id": self.id,
            "rule_ids": [Command.clear()],
            "reward_ids": [Command.create(self._prepare_native_reward_values())],
        }

    def _prepare_native_reward_values(self):
        self.ensure_one()
        if self.kind == "free_shipping":
            return {
                "reward_type": "shipping",
                "discount_max_amount": self.discount_max_amount,
                "required_points": 1,
                "description": self.name,
            }
        if self.kind == "free_product":
            return {
                "reward_type": "product",
                "reward_product_id": self.product_id.id,
                "reward_product_qty": 1,
                "required_points": 1,
                "description": self.name,
            }
        values = {
            "reward_type": "discount",
            "discount_applicability": "order",
            "required_points": 1,
            "description": self.name,
        }
        if self.kind == "fixed_discount":
            values.update(discount_mode="per_order", discount=self.discount_amount)
        else:
            values.update(
                discount_mode="percent",
                discount=self.discount_percent,
                discount_max_amount=self.discount_max_amount,
            )
        return values
