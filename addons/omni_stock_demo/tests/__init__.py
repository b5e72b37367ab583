from . import test_demo_retailer
