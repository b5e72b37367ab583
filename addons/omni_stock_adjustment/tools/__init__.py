from .trust import is_system, is_trusted, trusted_adjustment
