from . import loyalty_club_tier
from . import loyalty_club_move
from . import loyalty_club_allocation
from . import res_company
from . import res_config_settings
from . import res_partner
