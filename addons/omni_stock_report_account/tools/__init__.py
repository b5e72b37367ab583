from .close_trust import close_cleared, close_workflow, closing, is_close_cleared
