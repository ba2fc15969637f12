from . import test_security
from . import test_tier
from . import test_ui
