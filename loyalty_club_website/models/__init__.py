from . import loyalty_club_reward
