from . import omni_stock_demo_loader
