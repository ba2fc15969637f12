from . import club_page
from . import portal
