from .close_trust import close_cleared, is_close_cleared
