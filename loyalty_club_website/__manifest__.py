# Copyright 2026 Customer Club for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Club - Website",
    "summary": "Member pages on the portal, a public join page and the reward catalog",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Website/Website",
    "website": "https://github.com/customer-club/loyalty-club",
    "author": "Customer Club for Odoo contributors",
    "maintainers": ["customer-club"],
    "license": "LGPL-3",
    "depends": [
        "loyalty_club",
        "website_sale_loyalty",
        "sale_loyalty_delivery",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/portal_security.xml",
        "views/portal_templates.xml",
        "views/portal_rewards_templates.xml",
        "views/portal_profile_templates.xml",
        "views/club_page_templates.xml",
    ],
    "demo": [
        "demo/loyalty_club_reward_demo.xml",
        "demo/portal_member_demo.xml",
        "demo/website_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": ["loyalty_club/static/src/scss/tier_colors.scss"],
        "web.assets_tests": ["loyalty_club_website/static/tests/tours/**/*"],
    },
    "auto_install": True,
    "post_init_hook": "post_init_hook",
}
