from . import geocoding
from . import pickup
