from . import ats_formula
from . import db
from . import guard
from . import params
from . import validate
