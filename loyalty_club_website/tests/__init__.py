from . import test_security
from . import test_website_coupon
