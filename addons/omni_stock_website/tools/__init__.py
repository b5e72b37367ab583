from . import geocoding
