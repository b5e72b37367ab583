from . import test_barcode_report
