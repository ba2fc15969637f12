from . import test_security
from . import test_pos_coupon
from . import test_pos_earn
from . import test_pos_refund
from . import test_pos_member
from . import test_pos_preview
from . import test_pos_redeem
from . import test_pos_rights
