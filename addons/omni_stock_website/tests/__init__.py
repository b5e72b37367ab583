from . import test_shop
from . import test_cart_holds
from . import test_checkout
from . import test_pickup
from . import test_no_channel
from . import test_shop_routes
from . import test_tours
from . import test_cart_contract
