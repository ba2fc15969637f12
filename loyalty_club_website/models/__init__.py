from . import loyalty_club_reward
from . import sale_order
