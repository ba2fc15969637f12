# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime
import logging

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

from .pos_config import record_id

_logger = logging.getLogger(__name__)

PAID_STATES = ("paid", "done", "invoiced")
# The most lines a points preview takes: a till's order, not a data load.
PREVIEW_MAX_LINES = 500


def paid_shares(entries):
    """``{key: amount}``: what the customer really paid for each bought line.

    :param entries: ``[(key, amount, bought)]``; the amounts of the lines
        that are not ``bought`` (rewards, coupons, discounts) are spread over
        the bought lines in proportion, so that they earn nothing
    """
    gross = sum(amount for __, amount, bought in entries if bought)
    if gross <= 0:
        return {}
    discounts = sum(min(amount, 0.0) for __, amount, bought in entries if not bought)
    share = max(gross + discounts, 0.0) / gross
    return {key: amount * share for key, amount, bought in entries if bought}


class PosOrder(models.Model):
    """POS orders earn club points on the server when they are paid, pending
    for the return window; refunds take back the points of the lines they
    return. A referred member's first paid order earns their referrer the
    referral bonus, taken back the same way."""

    _inherit = "pos.order"

    club_points = fields.Integer(
        compute="_compute_club_points",
        help="Points this order moved: what it earned its customer, less what "
        "its returned lines took back.",
    )
    club_points_pending = fields.Boolean(
        compute="_compute_club_points",
        help="The points this order earned wait for the end of the return "
        "window before they can be spent.",
    )
    club_posting_failed = fields.Boolean(
        string="Club Points Not Posted",
        readonly=True,
        copy=False,
        help="The club points of this paid order could not be posted when it "
        "was paid; a scheduled action posts them.",
    )
    club_posting_error = fields.Char(readonly=True, copy=False)

    def init(self):
        result = super().init()
        # the orders the retry cron has to post (a handful at most)
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS pos_order_club_posting_failed_idx "
                "ON pos_order (write_date) WHERE club_posting_failed"
            )
        )
        return result

    def _compute_club_points(self):
        groups = (
            self.env["loyalty.club.move"]
            .sudo()
            ._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id", "state"],
                ["points:sum"],
            )
        )
        points = dict.fromkeys(self.ids, 0)
        pending = set()
        for res_id, state, total in groups:
            points[res_id] += total
            if state == "pending" and total > 0:
                pending.add(res_id)
        for order in self:
            order.club_points = points.get(order.id, 0)
            order.club_points_pending = order.id in pending

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_to_load = super()._load_pos_data_fields(config_id)
        if not fields_to_load:  # the till loads every field of its orders
            return fields_to_load
        return fields_to_load + ["club_points", "club_points_pending"]

    # ------------------------------------------------------------------
    # Paid orders: the one place every paid order passes
    # ------------------------------------------------------------------

    def _process_saved_order(self, draft):
        order_id = super()._process_saved_order(draft)
        if not draft:
            self._club_post_points_safely()
        return order_id

    def confirm_coupon_programs(self, coupon_data):
        result = super().confirm_coupon_programs(coupon_data)
        self._club_mark_coupons_used()
        return result

    def _club_post_points_safely(self):
        """Post this order's club points, if it is paid. A failure never
        reaches the till (its whole batch of orders would be rolled back and
        its queue blocked): the order is kept for the retry cron. Conflicts
        between two transactions are raised, so that Odoo retries the
        request. Returns whether nothing is left to post."""
        self.ensure_one()
        if self.state not in PAID_STATES or not self._club_has_points_work():
            return True
        try:
            with self.env.cr.savepoint():
                self._club_post_points()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise
        except Exception as error:  # noqa: BLE001 - kept for the retry cron
            _logger.warning(
                "Club points of POS order %s not posted, kept for a retry: %s",
                self.id,
                error,
            )
            self.write({"club_posting_failed": True, "club_posting_error": str(error)})
            return False
        return True

    def _club_has_points_work(self):
        """Whether paying this order moves club points or coupons (cheap:
        only the order, its lines and its customer are read, so walk-in
        sales cost nothing)."""
        self.ensure_one()
        return bool(
            self._club_member()
            or self.lines.refunded_orderline_id
            or self.lines.filtered("is_reward_line").coupon_id
        )

    def _club_post_points(self):
        """Every step is idempotent: the retry cron runs them again."""
        self.ensure_one()
        self._club_take_back_refunded_points()
        self._club_earn_points()
        self._club_mark_coupons_used()

    @api.model
    def _cron_post_club_points(self, batch_size=200):
        """Post the club points of paid orders whose posting failed, one
        batch a call; those failing again go to the end of the queue."""
        domain = [("club_posting_failed", "=", True)]
        orders = self.search(domain, order="write_date, id", limit=batch_size)
        posted = self.browse()
        for order in orders:
            if order.with_company(order.company_id)._club_post_points_safely():
                posted |= order
        posted.write({"club_posting_failed": False, "club_posting_error": False})
        remaining = self.search_count(domain) if orders else 0
        _logger.info(
            "Posted the club points of %s POS orders, %s left", len(posted), remaining
        )
        self.env["ir.cron"]._notify_progress(done=len(posted), remaining=remaining)

    # ------------------------------------------------------------------
    # Earning
    # ------------------------------------------------------------------

    @api.model
    def _club_member_of(self, partner, company):
        """The club member of ``company`` who earns for ``partner`` (the
        partner, or the company they buy for), if any."""
        for candidate in (partner, partner.commercial_partner_id):
            if candidate.club_member:
                if candidate.sudo().company_id in (company, company.browse()):
                    return candidate
                break
        return self.env["res.partner"]

    def _club_member(self):
        self.ensure_one()
        return self._club_member_of(self.partner_id, self.company_id)

    def _club_earn_key(self):
        """The ledger key of this order's earning: the till's uuid, the same
        however often and from wherever the order is synced."""
        self.ensure_one()
        return f"pos.order:{self.uuid}:earn"

    def _club_day(self):
        self.ensure_one()
        return fields.Date.context_today(self, self.date_order or fields.Datetime.now())

    @api.model
    def _club_available_date(self, company, day):
        """When points earned on ``day`` become spendable (None: at once)."""
        if company.club_pending_days <= 0:
            return None
        return day + datetime.timedelta(days=company.club_pending_days)

    def _club_paid_amounts(self):
        """``{line: amount}``: what the customer really paid for each line,
        tax included, in the company currency. Returned lines, tips and
        reward lines earn nothing; rewards lower the lines they discount."""
        self.ensure_one()
        tip = self.config_id.tip_product_id
        lines = self.lines.filtered(
            lambda line: not line.refunded_orderline_id and line.product_id != tip
        )
        shares = paid_shares(
            [
                (
                    line,
                    line.price_subtotal_incl,
                    not line.is_reward_line and line.price_subtotal_incl > 0,
                )
                for line in lines
            ]
        )
        company = self.company_id
        return {
            line: self.currency_id._convert(
                amount, company.currency_id, company, self.date_order
            )
            for line, amount in shares.items()
        }

    def _club_earn_points(self):
        """The member's points on this order, then their referrer's bonus
        if this is the member's first order (even one earning no points)."""
        self.ensure_one()
        member = self._club_member()
        if not member:
            return
        amounts = self._club_paid_amounts()
        day = self._club_day()
        points = self.env["loyalty.club.rule"]._compute_order_points(
            member,
            "pos",
            [(line.product_id, amount) for line, amount in amounts.items()],
            self.company_id,
            day,
        )
        if points > 0:
            self._club_post_earning(member, points, amounts, day)
        if sum(amounts.values()) > 0:
            member._club_reward_referrer(self, self.date_order)

    def _club_post_earning(self, member, points, amounts, day):
        self.ensure_one()
        company = self.company_id
        move = self.env["loyalty.club.move"]._post(
            member,
            "earn",
            points,
            self._club_earn_key(),
            company=company,
            source=self,
            description=_lt("Point of Sale order %(order)s", order=self.name),
            amount=sum(amounts.values()),
            available_date=self._club_available_date(company, day),
            date=self.date_order,
        )
        member._club_update_tier_after_earning()
        self.env["loyalty.club.auto.message"]._notify(
            "points_earned", member, f"earn:{move.id}"
        )

    # ------------------------------------------------------------------
    # Refunds
    # ------------------------------------------------------------------

    def _club_take_back_refunded_points(self):
        """Lines returning what an earlier order sold take back that order's
        points of those lines (an exchange also earns on its new lines)."""
        self.ensure_one()
        refund_lines = self.lines.filtered("refunded_orderline_id")
        returned = refund_lines.grouped(
            lambda line: line.refunded_orderline_id.order_id
        )
        for original, lines in returned.items():
            original._club_take_back(self, lines)
            original._club_take_back_referral(self, lines)

    def _club_earning(self):
        """This order's earning move (whichever copy of the order posted it)."""
        self.ensure_one()
        return (
            self.env["loyalty.club.move"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("idempotency_key", "=", self._club_earn_key()),
                ],
                limit=1,
            )
        )

    def _club_take_back(self, refund, refund_lines):
        """Take back the points ``refund_lines`` of ``refund`` return, in
        proportion to what the customer paid for them, never more than this
        order still holds. Spent points leave a debt."""
        self.ensure_one()
        earning = self._club_earning()
        if not earning:
            return
        member = earning.partner_id.with_env(self.env)
        member._club_lock()  # what was taken back is read under the lock
        held = earning.points - self._club_taken_back(earning)
        share = self._club_refunded_share(refund_lines, earning)
        taken = min(round(earning.points * share), held)
        if taken <= 0:
            return
        self.env["loyalty.club.move"]._post(
            member,
            "reverse",
            -taken,
            f"pos.order:{refund.uuid}:refund:{self.uuid}",
            company=earning.company_id,
            source=refund,
            description=_lt(
                "Refund %(refund)s of order %(order)s",
                refund=refund.name,
                order=self.name,
            ),
            amount=-earning.amount * taken / earning.points,
            reversed_move=earning,
            date=refund.date_order,
        )

    def _club_take_back_referral(self, refund, refund_lines):
        """Take back the share of the referral bonus of this order (a
        referred member's first order) that ``refund_lines`` return."""
        self.ensure_one()
        first = self._club_member().sudo().club_referral_order
        # the member's first order may be another copy of this one
        if not first or first._name != self._name or first.uuid != self.uuid:
            return
        paid = sum(self._club_paid_amounts().values())
        if paid <= 0:
            return
        self.env["res.partner"]._club_take_back_referral(
            first.with_env(self.env),
            refund,
            f"pos.order:{refund.uuid}",
            share=min(self._club_refunded_amount(refund_lines) / paid, 1.0),
        )

    @api.model
    def _club_taken_back(self, earning):
        [(total,)] = (
            self.env["loyalty.club.move"]
            .sudo()
            ._read_group([("reversed_move_id", "=", earning.id)], [], ["points:sum"])
        )
        return -(total or 0)

    def _club_refunded_share(self, refund_lines, earning):
        """The part (0..1) of what this order earned on that ``refund_lines``
        return."""
        self.ensure_one()
        if earning.amount <= 0:
            return 0.0
        return min(self._club_refunded_amount(refund_lines) / earning.amount, 1.0)

    def _club_refunded_amount(self, refund_lines):
        """What the customer paid for what ``refund_lines`` return, in the
        company currency."""
        self.ensure_one()
        paid = self._club_paid_amounts()
        refunded = 0.0
        for line in refund_lines:
            sold = line.refunded_orderline_id
            if sold in paid and sold.qty:
                refunded += paid[sold] * min(abs(line.qty / sold.qty), 1.0)
        return refunded

    # ------------------------------------------------------------------
    # Club coupons spent
    # ------------------------------------------------------------------

    def _club_mark_coupons_used(self):
        """Club coupons spent on this paid order: their redemption is used.
        A paid order is never refused afterwards; if the customer changed
        after the code was accepted, the owner's chatter says so."""
        self.ensure_one()
        reward_lines = self.lines.filtered(
            lambda line: line.is_reward_line and not line.refunded_orderline_id
        )
        for coupon in reward_lines.coupon_id.sudo().filtered("club_redemption_id"):
            redemption = coupon.club_redemption_id
            if redemption.state != "confirmed":
                continue
            redemption._set(state="used")
            owner = coupon.partner_id.commercial_partner_id
            if self.partner_id.commercial_partner_id != owner:
                coupon.partner_id._club_log(
                    _(
                        "Coupon %(code)s was spent on %(order)s of %(customer)s, "
                        "not on an order of this member.",
                        code=coupon.code,
                        order=self.name,
                        customer=self.partner_id.display_name
                        or _("an anonymous customer"),
                    )
                )

    # ------------------------------------------------------------------
    # Points preview for the till
    # ------------------------------------------------------------------

    @api.model
    def club_pos_preview_points(self, config_id, partner_id, lines):
        """The points a draft order of the till will earn, by the server's
        earn rules (channel, tier, products, campaigns), before payment."""
        config = self.env["pos.config"]._club_get_config(config_id)
        company = config.company_id
        member = self.env["res.partner"]
        if partner_id:
            partner = member.browse(record_id(self.env, partner_id)).exists()
            partner.check_access("read")
            member = self._club_member_of(partner, company)
        if not member:
            return {
                "member": False,
                "points": 0,
                "amount": 0.0,
                "available_date": False,
            }
        amounts = self._club_preview_amounts(config, member, lines)
        day = fields.Date.context_today(self)
        points = self.env["loyalty.club.rule"]._compute_order_points(
            member, "pos", amounts, company, day
        )
        available = points and self._club_available_date(company, day)
        return {
            "member": True,
            "points": points,
            "amount": company.currency_id.round(sum(a for __, a in amounts)),
            "available_date": fields.Date.to_string(available) if available else False,
        }

    @api.model
    def _club_preview_amounts(self, config, partner, lines):
        """``[(product, amount)]`` of a draft order's lines as the till sent
        them (``product_id``, ``qty``, ``price_unit``, ``discount``, and
        ``is_reward_line`` for the lines of rewards), tax included, in the
        company currency."""
        if not isinstance(lines, list) or len(lines) > PREVIEW_MAX_LINES:
            raise UserError(_("The till sent the order's lines in a wrong form."))
        values = [self._club_preview_line_values(line) for line in lines]
        products = self.env["product.product"].browse(
            {line["product_id"] for line in values}
        )
        if len(products.exists()) != len(products):
            raise UserError(_("The order has a product that does not exist."))
        product_of = {product.id: product for product in products}
        company = config.company_id
        fiscal_position = (
            partner.with_company(company).property_account_position_id
            or config.default_fiscal_position_id
        )
        tax_domain = self.env["account.tax"]._check_company_domain(company)
        entries = []
        for index, line in enumerate(values):
            product = product_of[line["product_id"]]
            taxes = fiscal_position.map_tax(
                product.taxes_id.filtered_domain(tax_domain)
            )
            price = line["price_unit"] * (1 - line["discount"] / 100.0)
            total = (
                taxes.compute_all(price, config.currency_id, line["qty"], product)[
                    "total_included"
                ]
                if taxes
                else price * line["qty"]
            )
            entries.append((index, total, not line["is_reward_line"] and total > 0))
        today = fields.Date.context_today(self)
        return [
            (
                product_of[values[index]["product_id"]],
                config.currency_id._convert(
                    amount, company.currency_id, company, today
                ),
            )
            for index, amount in paid_shares(entries).items()
        ]

    @api.model
    def _club_preview_line_values(self, line):
        """One line of a preview, checked: numbers where numbers belong."""
        if not isinstance(line, dict):
            raise UserError(_("The till sent the order's lines in a wrong form."))
        numbers = {}
        for key in ("qty", "price_unit", "discount"):
            value = line.get(key) or 0
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise UserError(_("The till sent the order's lines in a wrong form."))
            numbers[key] = float(value)
        if not 0 <= numbers["discount"] <= 100:
            raise UserError(_("A discount is between 0 and 100%."))
        return {
            "product_id": record_id(self.env, line.get("product_id")),
            "is_reward_line": line.get("is_reward_line") is True,
            **numbers,
        }
