from . import settlement
