from . import loyalty_card
from . import loyalty_club_applicability_mixin
from . import loyalty_club_mobile_verification
from . import loyalty_club_move
from . import loyalty_club_reward
from . import loyalty_club_rule
from . import res_partner
from . import sale_order
