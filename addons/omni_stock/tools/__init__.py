from . import ats_formula
