from . import loyalty_club_reward
from . import pos_config
from . import pos_order
from . import product_template
