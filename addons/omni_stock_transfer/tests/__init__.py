from . import test_transfer_flow
