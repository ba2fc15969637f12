from . import test_security
from . import test_pos_coupon
