# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Club - Point of Sale",
    "summary": "Find and enrol club members at the till, earn and redeem points",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/customer-club/loyalty-club",
    "author": "Customer Club for Odoo contributors",
    "maintainers": ["customer-club"],
    "license": "LGPL-3",
    "depends": ["loyalty_club", "pos_loyalty"],
    "data": [
        "security/ir.model.access.csv",
        "data/barcode_rule_data.xml",
        "data/ir_cron_data.xml",
        "views/pos_order_views.xml",
    ],
    "demo": ["demo/loyalty_program_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": [
            "loyalty_club/static/src/scss/tier_colors.scss",
            "loyalty_club_pos/static/src/**/*",
        ],
        "web.assets_tests": ["loyalty_club_pos/static/tests/tours/**/*"],
    },
    "auto_install": True,
    "post_init_hook": "post_init_hook",
}
