from . import test_consignment_finance
