# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from psycopg2.extras import Json

from odoo import _, _lt, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.translate import LazyGettext

from ..tools import jalali
from ..tools.engine import as_engine, is_engine

_logger = logging.getLogger(__name__)

# Fields only the engine changes on a posted move: what is left of a lot,
# and whether it is still pending.
ENGINE_FIELDS = {"remaining", "state"}
POSITIVE_TYPES = ("earn", "adjust")
LOT_ORDER = "expiry_date ASC NULLS LAST, id ASC"


class LoyaltyClubMove(models.Model):
    """One change of a member's points. The ledger is append-only: every
    posting goes through ``_post``, and nothing edits or deletes a move."""

    _name = "loyalty.club.move"
    _description = "Club Points Move"
    _order = "date desc, id desc"
    _rec_name = "description"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True
    )
    date = fields.Datetime(required=True, index=True, readonly=True)
    move_type = fields.Selection(
        [
            ("earn", "Earned"),
            ("redeem", "Redeemed"),
            ("expire", "Expired"),
            ("reverse", "Reversed"),
            ("adjust", "Adjusted"),
        ],
        string="Type",
        required=True,
        readonly=True,
    )
    points = fields.Integer(required=True, readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("posted", "Posted")],
        required=True,
        readonly=True,
        help="Pending points are not spendable yet: they wait for the end of "
        "the return window.",
    )
    remaining = fields.Integer(
        readonly=True,
        help="What is left of the points of this lot, not yet spent or expired.",
    )
    expiry_date = fields.Date(readonly=True)
    available_date = fields.Date(
        readonly=True, help="The day pending points become spendable."
    )
    amount = fields.Monetary(
        string="Qualifying Amount",
        readonly=True,
        help="What the member paid (or got back) that counts towards tiers.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    idempotency_key = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        help="Posting again with the same key changes nothing.",
    )
    description = fields.Char(
        readonly=True,
        translate=True,
        help="What the move is for, in the reader's language when the club wrote it.",
    )
    res_model = fields.Char(string="Source Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Source ID", model_field="res_model", readonly=True
    )
    source_ref = fields.Reference(
        selection="_selection_source_ref",
        string="Source",
        compute="_compute_source_ref",
    )
    reversed_move_id = fields.Many2one(
        "loyalty.club.move",
        string="Reverses",
        index="btree_not_null",
        readonly=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one("res.users", string="Posted by", readonly=True)
    date_jalali = fields.Char(
        string="Jalali Date",
        compute="_compute_date_jalali",
        help="The date on the Jalali calendar (Tehran time).",
    )
    allocation_ids = fields.One2many(
        "loyalty.club.allocation",
        "move_id",
        string="Lots Consumed",
        readonly=True,
    )
    consumption_ids = fields.One2many(
        "loyalty.club.allocation",
        "lot_id",
        string="Consumed By",
        readonly=True,
    )

    _sql_constraints = [
        (
            "idempotency_key_company_uniq",
            "UNIQUE(company_id, idempotency_key)",
            "This points posting has already been made.",
        ),
        ("points_not_zero", "CHECK(points <> 0)", "A points move cannot be zero."),
        (
            "remaining_in_lot",
            "CHECK(remaining >= 0 AND (remaining = 0 OR remaining <= points))",
            "A lot cannot have more points left than it was given.",
        ),
    ]

    def init(self):
        # Open lots of a member, first to expire first (every redemption's
        # FIFO look-up); lots past expiry (the expiry cron); pending lots (the
        # release cron); a member's earnings on orders (campaign segments).
        for name, columns, where in (
            ("open_lot", "partner_id, expiry_date, id", "remaining > 0"),
            ("expiring", "expiry_date", "remaining > 0 AND state = 'posted'"),
            ("pending", "available_date", "state = 'pending'"),
            ("purchase", "partner_id, date", "move_type = 'earn' AND amount > 0"),
            # the moves of an order (every confirmation and refund looks them up)
            ("source", "res_model, res_id", "res_model IS NOT NULL"),
        ):
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s ON %s (%s) WHERE %s",
                    SQL.identifier(f"{self._table}_{name}_idx"),
                    SQL.identifier(self._table),
                    SQL(columns),
                    SQL(where),
                )
            )

    @api.model
    def _selection_source_ref(self):
        return [
            (name, self.env[name]._description)
            for name in self._source_models()
            if name in self.env
        ]

    @api.model
    def _source_models(self):
        """The models whose records post points; each channel addon adds
        its own."""
        return [
            "sale.order",
            "account.move",
            "loyalty.club.redemption",
            "loyalty.club.campaign",
            "res.partner",
            "res.users",
        ]

    @api.depends("res_model", "res_id")
    def _compute_source_ref(self):
        for move in self:
            if move.res_model and move.res_id and move.res_model in self.env:
                move.source_ref = f"{move.res_model},{move.res_id}"
            else:
                move.source_ref = False

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_date_jalali(self):
        lang = self.env.lang or "en_US"
        for move in self:
            move.date_jalali = jalali.format_date(move.date, lang)

    # ------------------------------------------------------------------
    # The ledger is append-only
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not is_engine(self):
            raise AccessError(
                _("Points moves are posted by the club, not created by hand.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not is_engine(self) or set(vals) - ENGINE_FIELDS:
            raise AccessError(_("Posted points moves cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        raise AccessError(_("Posted points moves cannot be deleted."))

    # ------------------------------------------------------------------
    # The engine: the one way points change
    # ------------------------------------------------------------------

    @api.model
    def _post(
        self,
        partner,
        move_type,
        points,
        key,
        *,
        company=None,
        source=None,
        description=None,
        amount=0.0,
        expiry_date=None,
        available_date=None,
        reversed_move=None,
        lot=None,
        date=None,
    ):
        """Post one change of ``partner``'s points and return its move.

        Every channel (sale, POS, website, crons, wizards) posts through here:
        the member's row is locked while the balance changes, a known ``key``
        returns the move already posted under it, redemptions and expiries
        consume lots first-to-expire-first, a redemption never takes the
        balance below zero while a reversal may (the debt is paid by the next
        earnings).

        :param points: signed integer; > 0 for earn, < 0 for redeem, expire
            and reverse; either sign for adjust
        :param key: idempotency key, unique per company
        :param source: the record the move comes from (order, redemption…)
        :param description: a lazy translation (``_lt``), stored in every
            installed language so that each reader reads their own, or text
            a person typed, stored as typed
        :param expiry_date: for earnings, when they expire: by default after
            the company's validity; ``False`` for never
        :param available_date: for earnings, the day they become spendable;
            pending until then
        :param reversed_move: for a reversal, the earning it takes back (its
            lot is consumed first)
        :param lot: for an expiry, the lot that expires
        """
        company = company or self.env.company
        self._check_post_arguments(partner, move_type, points, key, company)
        moves = as_engine(self)
        partner._club_lock()
        existing = moves.search(
            [("company_id", "=", company.id), ("idempotency_key", "=", key)], limit=1
        )
        if existing:
            if existing.partner_id != partner:
                raise UserError(_("This posting was already made for another member."))
            return existing.with_env(self.env)
        today = fields.Date.context_today(self)
        vals = {
            "partner_id": partner.id,
            "company_id": company.id,
            "date": date or fields.Datetime.now(),
            "move_type": move_type,
            "points": points,
            "state": "posted",
            "idempotency_key": key,
            "description": description._translate("en_US")
            if isinstance(description, LazyGettext)
            else description or False,
            "amount": amount,
            "res_model": source._name if source else False,
            "res_id": source.id if source else False,
            "reversed_move_id": reversed_move.id if reversed_move else False,
            "user_id": self.env.uid,
        }
        if points > 0:
            if expiry_date is None:
                expiry_date = moves._default_expiry_date(company, today)
            move = moves._post_lot(partner, vals, expiry_date, available_date, today)
        else:
            move = moves._post_consumption(partner, vals, reversed_move or lot)
        if isinstance(description, LazyGettext):
            move._translate_description(description)
        # figures computed from the ledger are stale now
        partner.invalidate_recordset(
            ["club_points", "club_points_pending", "club_points_expiring"]
        )
        if source and "club_points" in source._fields:
            source.invalidate_recordset(["club_points"])
        return move.with_env(self.env)

    @api.model
    def _default_expiry_date(self, company, today):
        """When points earned ``today`` expire, by the company's validity
        (None: they never expire)."""
        months = company.club_points_validity_months
        return jalali.add_months(today, months) if months > 0 else None

    def _translate_description(self, description):
        """Store the description in every installed language."""
        self.ensure_one()
        self.flush_recordset(["description"])
        self.env.execute_query(
            SQL(
                "UPDATE %s SET description = %s WHERE id = %s",
                SQL.identifier(self._table),
                Json(self._translations(description)),
                self.id,
            )
        )
        self.invalidate_recordset(["description"])

    @api.model
    def _translations(self, lazy_text):
        """``{language: text}`` of a lazy translation in every installed
        language."""
        langs = {"en_US"} | {lang for lang, __ in self.env["res.lang"].get_installed()}
        return {lang: lazy_text._translate(lang) for lang in sorted(langs)}

    @api.model
    def _check_post_arguments(self, partner, move_type, points, key, company):
        if not isinstance(points, int) or isinstance(points, bool) or not points:
            raise UserError(_("Points must be a whole number other than zero."))
        if move_type not in dict(self._fields["move_type"].selection):
            raise UserError(_("Unknown kind of points move."))
        if (points > 0) != (move_type in POSITIVE_TYPES) and move_type != "adjust":
            raise UserError(
                _("These points have the wrong sign for this kind of move.")
            )
        if not key:
            raise UserError(_("A points posting needs an idempotency key."))
        if len(partner) != 1 or not partner.club_member:
            raise UserError(
                _("%(partner)s is not a club member.", partner=partner.display_name)
            )
        if partner.sudo().company_id not in (company, company.browse()):
            raise UserError(
                _(
                    "%(partner)s is a member of %(member_company)s, not of "
                    "%(company)s.",
                    partner=partner.display_name,
                    member_company=partner.sudo().company_id.name,
                    company=company.name,
                )
            )

    def _post_lot(self, partner, vals, expiry_date, available_date, today):
        pending = bool(available_date and available_date > today)
        vals.update(
            state="pending" if pending else "posted",
            expiry_date=expiry_date,
            available_date=available_date,
            remaining=vals["points"],
        )
        move = self.create(vals)
        if not pending:
            move._settle_debt_and_credit(partner, move.points)
        return move

    def _settle_debt_and_credit(self, partner, credit):
        """Credit a newly available lot (``credit`` points to the balance):
        what is left of it first pays any debt (a negative balance left by a
        reversal), the rest stays spendable."""
        self.ensure_one()
        balance = partner._club_locked_balance()
        debt = min(max(-balance, 0), self.remaining)
        if debt:
            self.remaining -= debt
        partner._club_add_to_balance(credit)

    def _post_consumption(self, partner, vals, preferred_lot):
        needed = -vals["points"]
        move_type = vals["move_type"]
        if preferred_lot and preferred_lot.state == "pending":
            # Taking back points that were never spendable: the reversal waits
            # with its lot, and both count when the lot is released.
            vals["state"] = "pending"
            move = self.create(vals)
            lot = preferred_lot.with_env(self.env)
            move._consume([(lot, min(needed, lot.remaining))])
            return move
        balance = partner._club_locked_balance()
        if move_type in ("redeem", "adjust") and needed > balance:
            raise UserError(
                _(
                    "%(member)s has %(balance)s points; %(needed)s cannot be taken.",
                    member=partner.display_name,
                    balance=balance,
                    needed=needed,
                )
            )
        move = self.create(vals)
        preferred = (preferred_lot or self.browse()).with_env(self.env)
        move._consume(self._pick_lots(partner, needed, preferred))
        partner._club_add_to_balance(vals["points"])
        return move

    def _pick_lots(self, partner, needed, preferred):
        """``(lot, points)`` pairs covering up to ``needed`` points: the
        ``preferred`` lot first, then open lots first-to-expire-first. What
        no lot covers is debt."""
        picks = []
        if preferred.state == "posted" and preferred.remaining:
            picks.append((preferred, min(needed, preferred.remaining)))
            needed -= picks[0][1]
        if needed <= 0:
            return picks
        lots = self.search_fetch(
            [
                ("partner_id", "=", partner.id),
                ("remaining", ">", 0),
                ("state", "=", "posted"),
                ("id", "not in", preferred.ids),
            ],
            ["remaining"],
            order=LOT_ORDER,
        )
        for lot in lots:
            take = min(needed, lot.remaining)
            picks.append((lot, take))
            needed -= take
            if needed <= 0:
                break
        return picks

    def _consume(self, picks):
        """Record what this move took from each lot and lower the lots."""
        self.ensure_one()
        if not picks:
            return
        self.env["loyalty.club.allocation"].sudo().create(
            [
                {"move_id": self.id, "lot_id": lot.id, "points": points}
                for lot, points in picks
            ]
        )
        for lot, points in picks:
            lot.with_env(self.env).remaining -= points

    def _taken_back(self):
        """The points of this earning that reversals took back."""
        self.ensure_one()
        [(total,)] = self.sudo()._read_group(
            [("reversed_move_id", "=", self.id)], [], ["points:sum"]
        )
        return -(total or 0)

    # ------------------------------------------------------------------
    # Batch work of the crons
    # ------------------------------------------------------------------

    @api.model
    def _get_expired_lots_domain(self, today):
        return [
            ("remaining", ">", 0),
            ("state", "=", "posted"),
            ("expiry_date", "<", today),
        ]

    @api.model
    def _cron_expire_points(self, batch_size=2000):
        """Expire what is left of lots past their expiry date, one batch a
        call (the cron runner calls again while work remains)."""
        today = fields.Date.context_today(self)
        domain = self._get_expired_lots_domain(today)
        lots = self.sudo().search(domain, order="partner_id, id", limit=batch_size)
        lots._expire()
        remaining = self.sudo().search_count(domain) if lots else 0
        _logger.info("Expired %s points lots, %s left", len(lots), remaining)
        self.env["ir.cron"]._notify_progress(done=len(lots), remaining=remaining)

    def _expire(self):
        """Expire what is left of the lots of ``self``, set-based: the
        members are locked together (in id order, so two runs cannot
        deadlock), then one statement writes the expiry moves, their
        allocations, the emptied lots and the new balances. A lot already
        expired (same idempotency key) is skipped."""
        if not self:
            return
        self.env.flush_all()
        description = self._translations(_lt("Points expired"))
        self.env.execute_query(
            SQL(
                "SELECT id FROM res_partner WHERE id IN "
                "(SELECT partner_id FROM %s WHERE id IN %s) ORDER BY id "
                "FOR NO KEY UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )
        self.env.execute_query(
            SQL(
                """
                WITH lots AS (
                    SELECT id, partner_id, company_id, remaining FROM %(moves)s
                    WHERE id IN %(ids)s AND remaining > 0 AND state = 'posted'
                ), expiries AS (
                    INSERT INTO %(moves)s (partner_id, company_id, date, move_type,
                        points, state, idempotency_key, description, res_model,
                        res_id, user_id, create_uid, write_uid, create_date,
                        write_date)
                    SELECT partner_id, company_id, %(now)s, 'expire', -remaining,
                        'posted', 'expire:' || id, %(description)s, %(model)s, id,
                        %(uid)s, %(uid)s, %(uid)s, %(now)s, %(now)s
                    FROM lots
                    ON CONFLICT (company_id, idempotency_key) DO NOTHING
                    RETURNING id, res_id AS lot_id, partner_id, company_id, points
                ), allocations AS (
                    INSERT INTO %(allocations)s (move_id, lot_id, points, company_id,
                        create_uid, write_uid, create_date, write_date)
                    SELECT id, lot_id, -points, company_id, %(uid)s, %(uid)s,
                        %(now)s, %(now)s
                    FROM expiries
                ), emptied AS (
                    UPDATE %(moves)s SET remaining = 0
                    WHERE id IN (SELECT lot_id FROM expiries)
                )
                UPDATE res_partner AS partner
                SET club_points = partner.club_points + expired.total
                FROM (SELECT partner_id, SUM(points) AS total FROM expiries
                      GROUP BY partner_id) AS expired
                WHERE partner.id = expired.partner_id
                """,
                moves=SQL.identifier(self._table),
                allocations=SQL.identifier(self.env["loyalty.club.allocation"]._table),
                ids=tuple(self.ids),
                now=fields.Datetime.now(),
                description=Json(description),
                model=self._name,
                uid=self.env.uid,
            )
        )
        self.env.invalidate_all()

    @api.model
    def _cron_release_pending(self, batch_size=2000):
        """Make spendable the pending points whose return window is over."""
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "pending"),
            ("points", ">", 0),
            ("available_date", "<=", today),
        ]
        lots = self.sudo().search(domain, order="partner_id, id", limit=batch_size)
        for lot in as_engine(lots):
            lot._release()
        remaining = self.sudo().search_count(domain) if lots else 0
        self.env["ir.cron"]._notify_progress(done=len(lots), remaining=remaining)

    def _release(self):
        """Post a pending lot and the reversals waiting with it."""
        self.ensure_one()
        partner = self.partner_id
        partner._club_lock()
        self.invalidate_recordset(["state", "remaining"])
        if self.state != "pending":
            return
        waiting = self.consumption_ids.move_id.filtered(
            lambda move: move.state == "pending"
        )
        (self | waiting).write({"state": "posted"})
        self._settle_debt_and_credit(
            partner, self.points + sum(waiting.mapped("points"))
        )

    # ------------------------------------------------------------------
    # Consistency
    # ------------------------------------------------------------------

    @api.model
    def _check_balances(self, partners=None):
        """Members whose stored balance differs from their ledger, as
        ``[(partner, stored, ledger)]``. The ledger is the truth."""
        self.env.flush_all()
        where = SQL("p.club_member")
        if partners is not None:
            where = SQL("p.id IN %s", tuple(partners.ids) or (0,))
        rows = self.env.execute_query(
            SQL(
                "SELECT p.id, COALESCE(p.club_points, 0), COALESCE(l.total, 0) "
                "FROM res_partner p LEFT JOIN (SELECT partner_id, SUM(points) AS total "
                "FROM %s WHERE state = 'posted' GROUP BY partner_id) l "
                "ON l.partner_id = p.id WHERE %s "
                "AND COALESCE(p.club_points, 0) <> COALESCE(l.total, 0)",
                SQL.identifier(self._table),
                where,
            )
        )
        partner_model = self.env["res.partner"].sudo()
        return [
            (partner_model.browse(pid), stored, ledger) for pid, stored, ledger in rows
        ]

    @api.model
    def _cron_check_balances(self):
        differences = self._check_balances()
        for partner, stored, ledger in differences:
            _logger.error(
                "Club balance of partner %s is %s but its ledger says %s",
                partner.id,
                stored,
                ledger,
            )
        if not differences:
            _logger.info("Club balances agree with the ledger")
        return differences
