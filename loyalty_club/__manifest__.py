# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Club",
    "summary": "Members, tiers and a points ledger that turn buyers into members",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales/Customer Club",
    "website": "https://github.com/customer-club/loyalty-club",
    "author": "Customer Club for Odoo contributors",
    "maintainers": ["customer-club"],
    "license": "LGPL-3",
    "application": True,
    "depends": ["sale", "loyalty", "sms", "portal"],
    "external_dependencies": {"python": ["jdatetime"]},
    "data": [
        "security/loyalty_club_groups.xml",
        "security/ir.model.access.csv",
        "security/loyalty_club_security.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/loyalty_club_tier_data.xml",
        "views/loyalty_club_tier_views.xml",
        "views/loyalty_club_move_views.xml",
        "wizard/loyalty_club_adjust_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/loyalty_club_menus.xml",
    ],
    "demo": ["demo/res_partner_demo.xml"],
    "assets": {
        "web.assets_tests": ["loyalty_club/static/tests/tours/**/*"],
    },
}
