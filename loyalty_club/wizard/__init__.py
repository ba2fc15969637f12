from . import loyalty_club_member_wizard
from . import loyalty_club_adjust
from . import loyalty_club_member_import
from . import loyalty_club_redeem
from . import sale_loyalty_coupon_wizard
