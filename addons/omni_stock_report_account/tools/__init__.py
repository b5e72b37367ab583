from .close_trust import close_cleared, closing, is_close_cleared
