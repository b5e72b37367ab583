"""System parameters of the suite."""


def positive_int_param(env, key, default):
    """The ``ir.config_parameter`` ``key`` as a whole number of at least 1, else ``default``."""
    # earned: no check needed: a system parameter named by server code
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        return default
