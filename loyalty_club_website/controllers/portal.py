# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

HISTORY_PAGE_SIZE = 20


class ClubPortal(CustomerPortal):
    """The member's own pages: ``/my/club`` (tier, points, card, coupons,
    history). Everything is read as the signed-in user, through the
    portal's access rules (security/portal_security.xml); the member is
    always the user's own contact."""

    def _club_member(self):
        """The signed-in user's contact if they are a club member."""
        partner = request.env.user.partner_id
        return partner if partner.club_member else partner.browse()

    @http.route(
        ["/my/club", "/my/club/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_club(self, page=1, **kw):
        member = self._club_member()
        if not member:
            return request.redirect("/club")
        values = self._prepare_portal_layout_values()
        values.update(self._club_portal_values(member, page))
        return request.render("loyalty_club_website.portal_my_club", values)

    @http.route("/my/club/card", type="http", auth="user", website=True)
    def portal_my_club_card(self, **kw):
        """The member card alone, to print."""
        member = self._club_member()
        if not member:
            return request.redirect("/club")
        return request.render(
            "loyalty_club_website.portal_my_club_card_page",
            {"member": member, "company": member._club_company()},
        )

    def _club_portal_values(self, member, page):
        moves = request.env["loyalty.club.move"]
        domain = [("partner_id", "=", member.id)]
        pager = portal_pager(
            url="/my/club",
            total=moves.search_count(domain),
            page=page,
            step=HISTORY_PAGE_SIZE,
        )
        history = moves.search(
            domain,
            order="date desc, id desc",
            limit=HISTORY_PAGE_SIZE,
            offset=pager["offset"],
        )
        return {
            "page_name": "club",
            "member": member,
            "company": member._club_company(),
            "summary": member._club_portal_summary(),
            "history": history,
            "history_sources": history._club_portal_sources(),
            "coupons": request.env["loyalty.card"]
            .search(
                [
                    ("partner_id", "=", member.id),
                    ("points", ">", 0),
                    "|",
                    ("expiration_date", "=", False),
                    ("expiration_date", ">=", fields.Date.context_today(member)),
                ],
                order="expiration_date, id",
            )
            ._club_portal_rows(member),
            "pager": pager,
        }
