from . import omni_stock_routing_override
