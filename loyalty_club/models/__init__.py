from . import loyalty_club_tier
from . import res_partner
