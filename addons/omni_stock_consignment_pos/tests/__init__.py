from . import test_pos_consignment
