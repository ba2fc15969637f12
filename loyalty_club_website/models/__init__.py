from . import loyalty_card
from . import loyalty_club_move
from . import loyalty_club_redemption
from . import loyalty_club_reward
from . import res_partner
from . import sale_order
