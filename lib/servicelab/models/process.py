"""Reliability of a service process whose steps happen one after another (course concept C5.14).

A service such as express delivery succeeds only if every step succeeds. With independent steps the
process reliability is the product of the step reliabilities, so one weak step drags the whole
service down — and improving the weakest step gains the most.

The course's example (seed S1) is a 10-step express-delivery process; its step names (our own
wording) and reliabilities ship in ``data/process/express_steps.csv`` (:func:`load_express_steps`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ContentError, ServiceLabError
from ..paths import data_path
from ._inputs import check_mapping, check_number, check_probability, check_sequence, is_number, is_sequence


def _check_probability(value, what: str) -> float:
    """A step reliability in the data: anything not a probability gets the process's own message."""
    try:
        p = float(value)
    except (TypeError, ValueError):
        raise ServiceLabError("process.error.probability", what=what, value=value) from None
    if not (0.0 <= p <= 1.0):  # also rejects NaN
        raise ServiceLabError("process.error.probability", what=what, value=value)
    return p


def _parameter_probability(value, what: str) -> float:
    """A probability parameter: the shared check, with the process's message for a finite value out of [0, 1]."""
    return check_probability(value, what, key="process.error.probability", key_params={"what": what, "value": value})


def _reliabilities(step_reliabilities: Sequence[float]) -> np.ndarray:
    if isinstance(step_reliabilities, Mapping) or not is_sequence(step_reliabilities):
        check_sequence(step_reliabilities, "step_reliabilities")  # raises: a list of numbers is needed
    values = list(step_reliabilities)
    if not values:
        raise ServiceLabError("process.error.empty")
    return np.array([_check_probability(r, f"r{i}") for i, r in enumerate(values, start=1)], dtype=float)


def _check_step(step, n: int) -> int:
    if not isinstance(step, (bool, np.bool_)) and not (is_number(step) and math.isfinite(step)):
        check_number(step, "step", low=1, high=n, integer=True)  # raises for text, None, NaN, inf, a list …
    if isinstance(step, bool) or not isinstance(step, (int, np.integer)) or not 1 <= step <= n:
        raise ServiceLabError("process.error.step", step=step, n=n)
    return int(step)


def series_reliability(step_reliabilities: Sequence[float]) -> float:
    """Reliability of a process whose steps must all succeed (steps in series).

    Parameters
    ----------
    step_reliabilities : sequence of float
        Probability that each step is done right, each in [0, 1], in process order.

    Returns
    -------
    float
        The probability that every step succeeds.

    Raises
    ------
    ServiceLabError
        If no step is given or a value lies outside [0, 1].

    Notes
    -----
    .. math:: R = \\prod_{i=1}^{n} r_i

    assuming the steps fail independently of one another.

    References
    ----------
    Barlow, R. E. & Proschan, F. (1965). *Mathematical theory of reliability*. Wiley (series systems).

    Examples
    --------
    The express-delivery process of the course (seed S1):

    >>> r = [0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99]
    >>> round(series_reliability(r), 4)
    0.7653
    """
    return float(np.prod(_reliabilities(step_reliabilities)))


def step_sensitivity(step_reliabilities: Sequence[float]) -> pd.DataFrame:
    """How much the process reliability gains per unit of improvement in each step.

    Parameters
    ----------
    step_reliabilities : sequence of float
        Step reliabilities in [0, 1], in process order.

    Returns
    -------
    pandas.DataFrame
        One row per step: ``step`` (1-based), ``reliability``, ``gradient`` (∂R/∂r_k) and ``rank``
        (1 = largest gradient: the step whose improvement helps most; ties share the smaller rank).

    Notes
    -----
    .. math:: \\frac{\\partial R}{\\partial r_k} = \\prod_{i \\neq k} r_i = \\frac{R}{r_k}

    The product of the *other* steps is used, so a step with :math:`r_k = 0` is handled too. The
    gradient is largest for the weakest step: a small improvement there pays most.

    Examples
    --------
    >>> df = step_sensitivity([0.99, 0.95, 0.98, 0.97])
    >>> int(df.loc[df["rank"] == 1, "step"].iloc[0]), round(float(df["gradient"].max()), 6)
    (2, 0.941094)
    """
    r = _reliabilities(step_reliabilities)
    gradient = np.array([np.prod(np.delete(r, k)) for k in range(r.size)])
    out = pd.DataFrame({"step": np.arange(1, r.size + 1), "reliability": r, "gradient": gradient})
    # rank on rounded gradients so equal steps tie despite floating-point products in another order
    out["rank"] = out["gradient"].round(12).rank(ascending=False, method="min").astype(int)
    return out


@dataclass(frozen=True)
class StepImprovement:
    """Effect of raising one step's reliability (see :func:`improve_step`)."""

    step: int
    old_value: float
    new_value: float
    before: float
    after: float

    @property
    def absolute_gain(self) -> float:
        """Change in process reliability, ``after − before``."""
        return self.after - self.before

    @property
    def relative_gain(self) -> float:
        """``after / before − 1`` (NaN when ``before`` is 0); equals ``new_value / old_value − 1``."""
        return self.after / self.before - 1 if self.before > 0 else float("nan")


def improve_step(step_reliabilities: Sequence[float], step: int, new_value: float) -> StepImprovement:
    """Process reliability before and after one step is improved (or worsened).

    Parameters
    ----------
    step_reliabilities : sequence of float
        Step reliabilities in [0, 1], in process order.
    step : int
        The step to change, numbered from 1.
    new_value : float
        Its new reliability, in [0, 1].

    Returns
    -------
    StepImprovement
        ``before``, ``after``, and the properties ``absolute_gain`` and ``relative_gain``.

    Notes
    -----
    Only step *k* changes, so

    .. math:: \\frac{R_{after}}{R_{before}} = \\frac{r_k'}{r_k}

    the relative gain of the whole process equals the step's own relative improvement. In the
    seed's example (step 3 from 0.90 to 0.96) both are 0.06 / 0.90 = 6.67 %; the absolute gain
    is 0.0510 (0.7653 → 0.8163).

    Examples
    --------
    >>> r = [0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99]
    >>> res = improve_step(r, 3, 0.96)
    >>> round(res.after, 4), round(res.absolute_gain, 4), round(100 * res.relative_gain, 2)
    (0.8163, 0.051, 6.67)
    """
    r = _reliabilities(step_reliabilities)
    k = _check_step(step, r.size)
    new = _parameter_probability(new_value, "new_value")
    improved = r.copy()
    improved[k - 1] = new
    return StepImprovement(step=k, old_value=float(r[k - 1]), new_value=new,
                           before=float(np.prod(r)), after=float(np.prod(improved)))


def recovered_reliability(reliability: float, catch_share: float) -> float:
    """Effective reliability of a step followed by a recovery step.

    Parameters
    ----------
    reliability : float
        The step's own reliability *r*, in [0, 1].
    catch_share : float
        Share *c* of the step's failures that the recovery step catches and puts right, in [0, 1].

    Returns
    -------
    float
        :math:`r + (1 - r)\\,c`.

    Notes
    -----
    This project's simple model of a recovery (fail-safe) step: the step succeeds outright with
    probability *r*; otherwise the recovery step rescues the case with probability *c*. The recovery
    step itself is assumed never to spoil a case that was already right. The course (seed S1) places
    recovery steps after the weak steps 3 and 7 of the express-delivery process.

    Examples
    --------
    >>> round(recovered_reliability(0.90, 0.5), 4)
    0.95
    """
    r = _parameter_probability(reliability, "reliability")
    c = _parameter_probability(catch_share, "catch_share")
    return r + (1 - r) * c


def with_recovery(step_reliabilities: Sequence[float], catch_shares: Mapping[int, float]) -> list[float]:
    """Step reliabilities after adding recovery steps behind some steps.

    Parameters
    ----------
    step_reliabilities : sequence of float
        Step reliabilities in [0, 1], in process order.
    catch_shares : mapping of int to float
        Step number (from 1) → share of that step's failures caught by a recovery step after it.

    Returns
    -------
    list of float
        The effective reliabilities (:func:`recovered_reliability` for the recovered steps); pass
        them to :func:`series_reliability`.

    Examples
    --------
    Recovery steps after steps 3 and 7 that catch half of their failures:

    >>> r = [0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99]
    >>> round(series_reliability(with_recovery(r, {3: 0.5, 7: 0.5})), 4)
    0.8291
    """
    r = [float(v) for v in _reliabilities(step_reliabilities)]
    for step, share in check_mapping(catch_shares, "catch_shares").items():
        k = _check_step(step, len(r))
        share = _parameter_probability(share, f"catch_shares[{step}]")
        r[k - 1] = recovered_reliability(r[k - 1], share)
    return r


def load_express_steps() -> pd.DataFrame:
    """The course's 10-step express-delivery process (seed S1), validated on load.

    Returns
    -------
    pandas.DataFrame
        ``step`` (1–10), ``name_zh``, ``name_en`` and ``reliability`` (the seed's values).

    Raises
    ------
    ContentError
        If ``data/process/express_steps.csv`` is missing or malformed (file, row and column named).

    Examples
    --------
    >>> steps = load_express_steps()
    >>> len(steps), round(series_reliability(steps["reliability"]), 3)
    (10, 0.765)
    """
    path = data_path("process", "express_steps.csv")
    try:
        df = pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise ContentError("content.error.missing_file", file=str(path)) from exc
    needed = ["step", "name_zh", "name_en", "reliability"]
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ContentError("content.error.columns", file=path.name, columns=", ".join(missing))
    steps, rel = [], []
    for i, row in enumerate(df.itertuples(index=False), start=2):  # row 1 is the header
        if row.step != str(i - 1):
            raise ContentError("content.error.cell", file=path.name, row=i, column="step",
                               value=row.step, allowed=str(i - 1))
        for col in ("name_zh", "name_en"):
            if not getattr(row, col).strip():
                raise ContentError("content.error.cell", file=path.name, row=i, column=col,
                                   value="''", allowed="text")
        try:
            value = float(row.reliability)
        except ValueError:
            value = math.nan
        if not 0 <= value <= 1:
            raise ContentError("content.error.cell", file=path.name, row=i, column="reliability",
                               value=row.reliability, allowed="0–1")
        steps.append(i - 1)
        rel.append(value)
    return pd.DataFrame({"step": steps, "name_zh": df["name_zh"].to_list(),
                         "name_en": df["name_en"].to_list(), "reliability": rel})


@dataclass(frozen=True)
class ParcelSimulation:
    """Outcome of :func:`simulate_parcels`.

    Attributes
    ----------
    n : int
        Parcels sent through the process.
    failed_at : numpy.ndarray of int
        Per parcel, the step at which it failed (1-based), 0 for a parcel that got through.
    expected : float
        The product of the step reliabilities (:func:`series_reliability`).
    n_steps : int
        Steps in the process.
    """

    n: int
    failed_at: np.ndarray
    expected: float
    n_steps: int

    @property
    def successes(self) -> int:
        """Parcels that passed every step."""
        return int(np.count_nonzero(self.failed_at == 0))

    @property
    def simulated(self) -> float:
        """Share of parcels that passed every step."""
        return self.successes / self.n

    @property
    def standard_error(self) -> float:
        """Binomial standard error of the simulated share, :math:`\\sqrt{R(1-R)/n}` at the product *R*."""
        return math.sqrt(self.expected * (1 - self.expected) / self.n)

    def failures_by_step(self) -> pd.DataFrame:
        """One row per step: ``step``, ``failures`` (parcels lost there) and ``share`` (of all parcels)."""
        k = self.n_steps
        counts = np.bincount(self.failed_at, minlength=k + 1)[1:k + 1]
        return pd.DataFrame({"step": np.arange(1, k + 1), "failures": counts.astype(int),
                             "share": counts / self.n})

    def running_rate(self, points: int = 200) -> pd.DataFrame:
        """The running success rate after 1, 2, … parcels, at about ``points`` log-spaced counts.

        Returns
        -------
        pandas.DataFrame
            ``parcels`` (count so far), ``rate`` (successes so far ÷ parcels so far) and the band
            ``low``/``high`` = product ± 3 standard errors at that count (clipped to [0, 1]).
        """
        ok = np.cumsum(self.failed_at == 0)
        at = np.unique(np.geomspace(1, self.n, num=max(2, int(points))).round().astype(np.int64))
        rate = ok[at - 1] / at
        se = np.sqrt(self.expected * (1 - self.expected) / at)
        return pd.DataFrame({"parcels": at, "rate": rate,
                             "low": np.clip(self.expected - 3 * se, 0, 1), "high": np.clip(self.expected + 3 * se, 0, 1)})


#: Largest number of parcels :func:`simulate_parcels` accepts (memory: one byte per parcel and step).
MAX_PARCELS = 10_000_000


def simulate_parcels(reliabilities: Sequence[float], n: int = 10_000, seed: int = 0) -> ParcelSimulation:
    """Send ``n`` parcels through the process at random: where does each one fail?

    Parameters
    ----------
    reliabilities : sequence of float
        Step reliabilities in [0, 1], in process order (as for :func:`series_reliability`).
    n : int
        Number of parcels, 1 to 10 000 000.
    seed : int
        Seed of the random generator (``numpy.random.default_rng``): the same seed gives the same run.

    Returns
    -------
    ParcelSimulation
        ``failed_at`` per parcel (first failing step, 0 = delivered), the product ``expected``,
        and the ``simulated`` share with its ``standard_error``; ``failures_by_step()`` and
        ``running_rate()`` for the charts.

    Notes
    -----
    Parcel *j* passes step *k* when a uniform draw :math:`U_{jk} < r_k` (independent draws); a
    parcel that fails a step goes no further. The share of delivered parcels :math:`\\hat R` is a
    binomial proportion with mean :math:`R = \\prod r_k` and standard error
    :math:`\\sqrt{R(1-R)/n}`, so by the law of large numbers it converges to the product as *n*
    grows. Vectorised: one array operation per step over all parcels still in the process.

    References
    ----------
    Barlow, R. E. & Proschan, F. (1965). *Mathematical theory of reliability*. Wiley.

    Examples
    --------
    >>> r = [0.99, 0.98, 0.90, 0.98, 0.98, 0.99, 0.95, 0.99, 0.99, 0.99]
    >>> sim = simulate_parcels(r, n=10_000, seed=0)
    >>> abs(sim.simulated - sim.expected) < 3 * sim.standard_error
    True
    >>> int(sim.failures_by_step()["failures"].idxmax()) + 1   # most parcels are lost at step 3
    3
    """
    r = _reliabilities(reliabilities)
    n = int(check_number(n, "n", low=1, high=MAX_PARCELS, integer=True))
    seed = int(check_number(seed, "seed", low=0, integer=True))
    rng = np.random.default_rng(seed)
    failed_at = np.zeros(n, dtype=np.int8 if r.size < 127 else np.int32)
    alive = np.arange(n)
    for k, rk in enumerate(r, start=1):
        if alive.size == 0:
            break
        fail = rng.random(alive.size) >= rk
        failed_at[alive[fail]] = k
        alive = alive[~fail]
    return ParcelSimulation(n=n, failed_at=failed_at, expected=float(np.prod(r)), n_steps=int(r.size))


def express_reliability_table(reliabilities: Sequence[float] | None = None) -> pd.DataFrame:
    """The express-delivery steps with their reliabilities, marginal gains and gain ranks.

    Parameters
    ----------
    reliabilities : sequence of float, optional
        Ten step reliabilities (default: the seed's, from :func:`load_express_steps`).

    Returns
    -------
    pandas.DataFrame
        ``step``, ``name_zh``, ``name_en``, ``reliability``, ``gradient`` (∂R/∂r_k) and ``rank``
        (see :func:`step_sensitivity`).

    Examples
    --------
    >>> df = express_reliability_table()
    >>> int(df.loc[df["rank"] == 1, "step"].iloc[0]), round(float(df["gradient"].max()), 4)
    (3, 0.8503)
    """
    steps = load_express_steps()
    if reliabilities is not None:
        values = _reliabilities(reliabilities)
        if values.size != len(steps):
            raise ServiceLabError("error.param.length", name="reliabilities", value=len(values), n=values.size,
                                  size=len(steps))
        steps["reliability"] = values
    sens = step_sensitivity(steps["reliability"])
    return steps.assign(gradient=sens["gradient"].to_numpy(), rank=sens["rank"].to_numpy())
