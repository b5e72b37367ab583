# Copyright 2026 Omnichannel Stock Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Weekly demand forecasts for many series at once (numpy only, no database).

Every array has one row per series and one column per week, oldest first.
``NaN`` in a history means *unknown* (a week before the series began, a week out
of stock, a promotion week for the base): no method reads it as zero.

Methods (fixed, robust parameters; see :class:`Params`):

- ``seasonal_naive``: the same week one season (52 weeks) ago; with less than a
  season of history, the last week (naive). Parts: level = mean of the last season,
  season = that week's value - level.
- ``moving_average``: mean of the last ``ma_window`` known weeks (level only).
- ``ses``: simple exponential smoothing (level).
- ``holt``: damped additive trend (level + trend).
- ``holt_winters``: damped trend and additive season, for series with at least
  ``hw_min_seasons`` seasons of history; the first season sets the seasonal indices
  (smoothed over neighbouring weeks), the rest updates them.
- ``tsb``: Teunter-Syntetos-Babai (Croston's method with a demand probability that
  decays when no demand comes), for intermittent series (level = probability x size).

``backtest`` runs each method from rolling origins (the last ``folds`` blocks of
``horizon`` weeks) and scores the mean absolute error on the known weeks; ``choose``
keeps per series the method with the lowest error if it beats seasonal naive, else
seasonal naive. ``forecast`` does it all and returns the parts of each week.
"""

import dataclasses

import numpy as np

METHODS = ("seasonal_naive", "moving_average", "ses", "holt", "holt_winters", "tsb")
SN = 0
PART_NAMES = ("level", "trend", "season", "promotion", "stockout")


@dataclasses.dataclass(frozen=True)
class Params:
    season: int = 52
    horizon: int = 13
    folds: int = 2
    ma_window: int = 8
    ses_alpha: float = 0.2
    holt_alpha: float = 0.2
    holt_beta: float = 0.05
    phi: float = 0.9
    hw_alpha: float = 0.15
    hw_beta: float = 0.02
    hw_gamma: float = 0.1
    hw_min_seasons: float = 1.5
    hw_smooth: int = 5
    tsb_alpha: float = 0.1
    tsb_beta: float = 0.1
    min_instock_days: int = 4
    max_lift: float = 3.0


# ----------------------------------------------------------------------
# history cleaning
# ----------------------------------------------------------------------
def clean_history(sales, instock_days=None, promo=None, min_instock_days=4):
    """The demand history a model may learn from.

    :param sales: units sold per week (NaN: before the series began)
    :param instock_days: days of the week with sellable stock (0..7; None: 7)
    :param promo: True for promotion weeks (None: none)
    :return: ``(raw, censored)``: ``raw`` is the sales as recorded, ``censored``
        scales a week with some stockout days to the full week (sales x 7 / days in
        stock) and makes it unknown (NaN) below ``min_instock_days``; both set
        promotion weeks to NaN (they are not base demand).
    """
    sales = np.asarray(sales, dtype=float)
    raw = sales.copy()
    censored = sales.copy()
    if instock_days is not None:
        days = np.asarray(instock_days, dtype=float)
        short = days < 7
        with np.errstate(divide="ignore", invalid="ignore"):
            scaled = sales * 7.0 / days
        censored = np.where(short, np.where(days >= min_instock_days, scaled, np.nan), sales)
    if promo is not None:
        promo = np.asarray(promo, dtype=bool)
        raw = np.where(promo, np.nan, raw)
        censored = np.where(promo, np.nan, censored)
    return raw, censored


def _nanmean(values, axis=1):
    """Mean of the known values (NaN where there is none), without warnings."""
    known = ~np.isnan(values)
    count = known.sum(axis=axis)
    total = np.where(known, values, 0.0).sum(axis=axis)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _last_known(y, upto):
    """The last known value of each row before column ``upto`` (NaN if none)."""
    part = y[:, :upto]
    known = ~np.isnan(part)
    idx = np.where(known.any(axis=1), part.shape[1] - 1 - np.argmax(known[:, ::-1], axis=1), -1)
    rows = np.arange(y.shape[0])
    return np.where(idx >= 0, part[rows, np.maximum(idx, 0)], np.nan)


# ----------------------------------------------------------------------
# methods: each returns parts (level (n,), trend (n, H), season (n, H)) at an origin
# ----------------------------------------------------------------------
def _zeros(n, h):
    return np.zeros((n, h))


def seasonal_naive(y, origin, p):
    n = y.shape[0]
    h = np.arange(p.horizon)
    if origin >= p.season:
        last = y[:, origin - p.season:origin]
        full = (~np.isnan(last)).sum(axis=1) >= p.season // 2
        level = _nanmean(last)
        value = last[:, h % p.season]
        season = np.where(np.isnan(value), 0.0, value - level[:, None])
    else:
        full = np.zeros(n, dtype=bool)
        level = np.full(n, np.nan)
        season = _zeros(n, p.horizon)
    # less than half a season known: the last known week (naive)
    use_naive = ~full | np.isnan(level)
    level = np.where(use_naive, _last_known(y, origin), level)
    season = np.where(use_naive[:, None], 0.0, season)
    return level, _zeros(n, p.horizon), season


def moving_average(y, origin, p):
    n = y.shape[0]
    window = y[:, :origin]
    # the last ma_window known weeks of each row
    known = ~np.isnan(window)
    rank = np.cumsum(known[:, ::-1], axis=1)[:, ::-1]
    take = known & (rank <= p.ma_window)
    level = _nanmean(np.where(take, window, np.nan))
    return level, _zeros(n, p.horizon), _zeros(n, p.horizon)


def _ets_states(y, origins, alpha, beta, phi, gamma=0.0, m=1, start=0, level=None,
                trend=None, season=None):
    """Additive damped ETS in error-correction form, run once over the history;
    returns the state (level, trend, season) after each origin's last week.

    A week whose value is unknown only moves the level by the damped trend."""
    n, t_len = y.shape
    lvl = np.full(n, np.nan) if level is None else level.copy()
    trd = np.zeros(n) if trend is None else trend.copy()
    sea = np.zeros((n, m)) if season is None else season.copy()
    rows = np.arange(n)
    wanted = dict.fromkeys(origins)
    if start in wanted:
        wanted[start] = (lvl.copy(), trd.copy(), sea.copy())
    for t in range(start, t_len):
        obs = y[:, t]
        known = ~np.isnan(obs)
        pos = t % m
        fresh = known & np.isnan(lvl)
        lvl = np.where(fresh, obs - sea[:, pos], lvl)
        ready = known & ~fresh
        pred = lvl + phi * trd + sea[:, pos]
        err = np.where(ready, obs - pred, 0.0)
        new_lvl = lvl + phi * trd + alpha * err
        new_trd = phi * trd + beta * err
        lvl = np.where(np.isnan(lvl), lvl, new_lvl)
        trd = np.where(np.isnan(lvl), trd, new_trd)
        if gamma:
            sea[rows, pos] = sea[rows, pos] + gamma * err
        if t + 1 in wanted:
            wanted[t + 1] = (lvl.copy(), trd.copy(), sea.copy())
    return wanted


def _ets_parts(state, origin, p, phi, m=1):
    lvl, trd, sea = state
    steps = np.arange(1, p.horizon + 1)
    damp = np.cumsum(phi ** steps)
    trend = trd[:, None] * damp[None, :]
    season = sea[:, (origin + steps - 1) % m] if m > 1 else np.zeros((len(lvl), p.horizon))
    return lvl, trend, season


def ses(y, origins, p):
    states = _ets_states(y, origins, p.ses_alpha, 0.0, 1.0)
    return {o: _ets_parts(states[o], o, p, 1.0) for o in origins}


def holt(y, origins, p):
    states = _ets_states(y, origins, p.holt_alpha, p.holt_beta, p.phi)
    return {o: _ets_parts(states[o], o, p, p.phi) for o in origins}


def holt_winters(y, origins, p):
    """Only rows with ``hw_min_seasons`` seasons of history before the origin get a
    forecast (NaN otherwise)."""
    m = p.season
    n, t_len = y.shape
    out = {}
    if t_len < m + 1:
        return {o: (np.full(n, np.nan), _zeros(n, p.horizon), _zeros(n, p.horizon))
                for o in origins}
    first = y[:, :m]
    base = _nanmean(first)
    dev = np.where(np.isnan(first), 0.0, first - base[:, None])
    if p.hw_smooth > 1:
        half = p.hw_smooth // 2
        dev = np.mean([np.roll(dev, k, axis=1) for k in range(-half, half + 1)], axis=0)
    dev = dev - dev.mean(axis=1, keepdims=True)
    states = _ets_states(y, [o for o in origins if o >= m], p.hw_alpha, p.hw_beta, p.phi,
                         gamma=p.hw_gamma, m=m, start=m, level=base, season=dev)
    known_first = (~np.isnan(first)).sum(axis=1)
    for o in origins:
        if o < m:
            out[o] = (np.full(n, np.nan), _zeros(n, p.horizon), _zeros(n, p.horizon))
            continue
        level, trend, season = _ets_parts(states[o], o, p, p.phi, m)
        history = (~np.isnan(y[:, :o])).sum(axis=1)
        ok = (history >= p.hw_min_seasons * m) & (known_first >= m // 2)
        out[o] = (np.where(ok, level, np.nan), trend, season)
    return out


def tsb(y, origins, p):
    """Probability of a demand (``prob``) and its size when there is one (``size``),
    both smoothed; forecast = prob x size, flat."""
    n, t_len = y.shape
    prob = np.full(n, np.nan)
    size = np.full(n, np.nan)
    wanted = {}
    for t in range(t_len):
        obs = y[:, t]
        known = ~np.isnan(obs)
        demand = known & (obs > 0)
        start = known & np.isnan(prob)
        prob = np.where(start, demand.astype(float), prob)
        size = np.where(start & demand, obs, size)
        upd = known & ~start
        prob = np.where(upd, prob + p.tsb_beta * (demand - prob), prob)
        grow = upd & demand
        size = np.where(grow & np.isnan(size), obs, size)
        size = np.where(grow & ~np.isnan(size), size + p.tsb_alpha * (obs - size), size)
        if t + 1 in origins:
            wanted[t + 1] = (prob.copy(), size.copy())
    out = {}
    for o in origins:
        pr, sz = wanted.get(o, (np.full(n, np.nan), np.full(n, np.nan)))
        level = np.where(np.isnan(pr), np.nan, pr * np.where(np.isnan(sz), 0.0, sz))
        out[o] = (level, _zeros(n, p.horizon), _zeros(n, p.horizon))
    return out


def method_parts(y, origins, p):
    """{method index: {origin: (level, trend, season)}} for every method."""
    result = {
        0: {o: seasonal_naive(y, o, p) for o in origins},
        1: {o: moving_average(y, o, p) for o in origins},
        2: ses(y, origins, p),
        3: holt(y, origins, p),
        4: holt_winters(y, origins, p),
        5: tsb(y, origins, p),
    }
    return result


def base(parts):
    level, trend, season = parts
    return level[:, None] + trend + season


# ----------------------------------------------------------------------
# backtest and choice
# ----------------------------------------------------------------------
def backtest(y, p):
    """Mean absolute error per series and method over rolling origins.

    :return: ``(mae, weeks)``: ``mae`` (n, methods), NaN where a method gave no
        forecast or no week was known; ``weeks`` the known weeks scored per series.
    """
    n, t_len = y.shape
    origins = [t_len - p.horizon * k for k in range(p.folds, 0, -1)
               if t_len - p.horizon * k > 0]
    abs_err = np.zeros((n, len(METHODS)))
    count = np.zeros(n)
    valid_forecast = np.ones((n, len(METHODS)), dtype=bool)
    parts = method_parts(y, origins, p)
    for o in origins:
        actual = y[:, o:o + p.horizon]
        known = ~np.isnan(actual)
        count += known.sum(axis=1)
        for idx in range(len(METHODS)):
            fc = np.maximum(base(parts[idx][o]), 0.0)
            missing = np.isnan(fc) & known
            valid_forecast[:, idx] &= ~missing.any(axis=1)
            abs_err[:, idx] += np.where(known & ~np.isnan(fc), np.abs(actual - fc), 0.0).sum(
                axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        mae = np.where(valid_forecast & (count[:, None] > 0), abs_err / count[:, None], np.nan)
    return mae, count


def choose(mae):
    """Per series: the method with the lowest error if it is below seasonal naive's,
    else seasonal naive (also when nothing could be scored)."""
    filled = np.where(np.isnan(mae), np.inf, mae)
    best = np.argmin(filled, axis=1)
    best_err = filled[np.arange(len(best)), best]
    beats = best_err < filled[:, SN]
    return np.where(beats, best, SN)


# ----------------------------------------------------------------------
# promotion lift and the whole forecast
# ----------------------------------------------------------------------
def promotion_lift(sales, promo, max_lift=3.0, weeks=52):
    """Per series: mean sales of promotion weeks over mean sales of the other weeks,
    minus 1, over the last ``weeks`` weeks (at least two of each); elsewhere the
    median lift of the series that have one (0 when none has)."""
    sales = np.asarray(sales, dtype=float)[:, -weeks:]
    promo = np.asarray(promo, dtype=bool)[:, -weeks:]
    known = ~np.isnan(sales)
    on = promo & known
    off = ~promo & known
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_on = np.where(on, sales, 0).sum(axis=1) / on.sum(axis=1)
        mean_off = np.where(off, sales, 0).sum(axis=1) / off.sum(axis=1)
        lift = mean_on / mean_off - 1.0
    ok = (on.sum(axis=1) >= 2) & (off.sum(axis=1) >= 2) & (mean_off > 0)
    lift = np.where(ok, np.clip(lift, 0.0, max_lift), np.nan)
    pooled = float(np.median(lift[ok])) if ok.any() else 0.0
    return np.where(ok, lift, pooled)


def to_cents(values):
    return np.rint(np.nan_to_num(values, nan=0.0) * 100).astype(np.int64)


def forecast(sales, instock_days=None, promo=None, promo_future=None, params=None):
    """Backtest, choose and forecast ``params.horizon`` weeks after the history.

    :return: dict of arrays: ``method`` (n,) index into METHODS, ``mae`` (n, methods),
        ``naive_mae`` (n,), ``scored_weeks`` (n,), and (n, H) integer cents for each
        part of PART_NAMES plus ``figure`` (their exact sum) and ``naive`` (the
        seasonal naive figure, for the value added).
    """
    p = params or Params()
    sales = np.asarray(sales, dtype=float)
    n, t_len = sales.shape
    raw, clean = clean_history(sales, instock_days, promo, p.min_instock_days)
    mae, scored = backtest(clean, p)
    chosen = choose(mae)
    parts_clean = method_parts(clean, [t_len], p)
    rows = np.arange(n)

    def pick(parts_by_method, which):
        level = np.zeros(n)
        trend = np.zeros((n, p.horizon))
        season = np.zeros((n, p.horizon))
        for idx in range(len(METHODS)):
            sel = which == idx
            if sel.any():
                lv, tr, se = parts_by_method[idx][t_len]
                level[sel], trend[sel], season[sel] = lv[sel], tr[sel], se[sel]
        return np.nan_to_num(level), np.nan_to_num(trend), np.nan_to_num(season)

    level_c, trend_c, season_c = pick(parts_clean, chosen)
    total_clean = level_c[:, None] + trend_c + season_c
    # the parts shown are the fit on the sales as recorded; the stockout correction
    # is what the censored history adds to it (0 for series never out of stock)
    level, trend, season = level_c, trend_c.copy(), season_c.copy()
    stockout = np.zeros((n, p.horizon))
    differs = ~np.all((raw == clean) | (np.isnan(raw) & np.isnan(clean)), axis=1)
    if differs.any():
        parts_raw = method_parts(raw[differs], [t_len], p)
        sub = chosen[differs]
        lv = np.zeros(differs.sum())
        tr = np.zeros((differs.sum(), p.horizon))
        se = np.zeros((differs.sum(), p.horizon))
        for idx in range(len(METHODS)):
            sel = sub == idx
            if sel.any():
                a, b, c = parts_raw[idx][t_len]
                lv[sel], tr[sel], se[sel] = a[sel], b[sel], c[sel]
        lv, tr, se = np.nan_to_num(lv), np.nan_to_num(tr), np.nan_to_num(se)
        level = level.copy()
        level[differs], trend[differs], season[differs] = lv, tr, se
        stockout[differs] = total_clean[differs] - (lv[:, None] + tr + se)
    base_total = level[:, None] + trend + season + stockout
    # a forecast is never below zero: the trend is cut where it would take it there
    trend = trend - np.minimum(base_total, 0.0)
    base_total = np.maximum(base_total, 0.0)
    promotion = np.zeros((n, p.horizon))
    if promo_future is not None and promo is not None:
        lift = promotion_lift(sales, promo, p.max_lift)
        promotion = np.where(np.asarray(promo_future, dtype=bool), lift[:, None] * base_total,
                             0.0)
    cents = {
        "level": np.repeat(to_cents(level)[:, None], p.horizon, axis=1),
        "trend": to_cents(trend),
        "season": to_cents(season),
        "promotion": to_cents(promotion),
        "stockout": to_cents(stockout),
    }
    figure = sum(cents[name] for name in PART_NAMES)
    # rounding each part may leave the sum a cent below zero: the trend takes it
    below = np.minimum(figure, 0)
    cents["trend"] -= below
    figure = figure - below
    naive = to_cents(np.maximum(base(parts_clean[SN][t_len]), 0.0))
    return {
        "method": chosen, "mae": mae, "naive_mae": mae[rows, SN], "scored_weeks": scored,
        **cents, "figure": figure, "naive": naive,
    }


def accuracy(forecasts, actuals, naive):
    """WAPE, bias and value added over seasonal naive of paired figures (known
    actuals only): ``(Σ|f-a|/Σa, Σ(f-a)/Σa, 1 - Σ|f-a|/Σ|n-a|)``; NaN without
    actuals."""
    f, a, nv = (np.asarray(x, dtype=float) for x in (forecasts, actuals, naive))
    known = ~np.isnan(a)
    f, a, nv = f[known], a[known], nv[known]
    total = a.sum()
    err = np.abs(f - a).sum()
    naive_err = np.abs(nv - a).sum()
    wape = err / total if total else np.nan
    bias = (f - a).sum() / total if total else np.nan
    value_added = 1.0 - err / naive_err if naive_err else np.nan
    return wape, bias, value_added
