from . import pictures
