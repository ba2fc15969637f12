from . import club_page
from . import portal
from . import portal_profile
from . import portal_rewards
