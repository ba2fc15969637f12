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
    "depends": ["loyalty_club", "website_sale_loyalty"],
    "data": ["security/ir.model.access.csv"],
    "auto_install": True,
}
