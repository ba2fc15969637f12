from . import jalali
from . import normalize
