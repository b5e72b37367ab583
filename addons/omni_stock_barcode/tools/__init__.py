from .gs1 import normalize_gs1, looks_like_gs1, gtin_candidates
from .markers import scan_write
