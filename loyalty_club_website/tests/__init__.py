from . import test_security
from . import test_website_coupon
from . import test_public_writes
from . import test_website_earning
from . import test_portal_club
from . import test_club_join
