from . import routing_cost
