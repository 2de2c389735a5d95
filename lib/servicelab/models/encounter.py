"""The service encounter (course concept C4.8): moments of truth and how a journey is remembered.

Two pieces of arithmetic sit behind the chapter's encounter section:

* **Moments of truth** (Carlzon 1987): every contact between a customer and a front-line employee
  is a moment in which the company proves itself. SAS counted about 10 million customers a year,
  each in contact with about 5 employees for about 15 seconds: 50 million moments of truth a year
  (:func:`moments_of_truth`).
* **The remembered journey** (peak–end rule; Kahneman, Fredrickson, Schreiber & Redelmeier 1993):
  people do not remember an experience as the average of its moments. Their overall judgement is
  close to the mean of its most intense moment (the *peak*) and its last moment (the *end*).
  Chase & Dasu (2001) turned this into rules for designing encounters: finish strong, get the bad
  parts over early. :func:`journey_summary` computes both the plain mean of the touchpoint ratings
  and the peak–end score; :func:`effort_effect` says where one more point of effort moves each.

Touchpoint lists of two journeys (a hotel stay, a courier delivery) ship in
``data/encounter/journeys.json`` (:func:`load_journeys`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import ContentError, ServiceLabError
from ..paths import data_path
from ._inputs import check_number, check_sequence, checked_scale

#: The rating scale of a touchpoint (0 = very bad, 10 = excellent) and its neutral midpoint 5.
SCALE = (0.0, 10.0)

#: Carlzon's SAS figures (Carlzon 1987, *Moments of Truth*, ch. 1).
SAS_CUSTOMERS = 10_000_000
SAS_CONTACTS = 5
SAS_SECONDS = 15


@dataclass(frozen=True)
class MomentsOfTruth:
    """Result of :func:`moments_of_truth`."""

    customers: float
    contacts_per_customer: float
    seconds_per_contact: float
    moments: float
    contact_seconds: float

    @property
    def contact_hours(self) -> float:
        """Total contact time in hours (``contact_seconds / 3600``)."""
        return self.contact_seconds / 3600.0

    @property
    def seconds_per_customer(self) -> float:
        """Contact time of one customer in seconds (``contacts × seconds``)."""
        return self.contacts_per_customer * self.seconds_per_contact


def moments_of_truth(customers: float = SAS_CUSTOMERS, contacts_per_customer: float = SAS_CONTACTS,
                     seconds_per_contact: float = SAS_SECONDS) -> MomentsOfTruth:
    """Count a year's moments of truth and the total contact time they take.

    Parameters
    ----------
    customers : float
        Customers served in a year (≥ 0). Default: SAS's 10 million.
    contacts_per_customer : float
        Front-line contacts per customer (≥ 0). Default: about 5.
    seconds_per_contact : float
        Average length of one contact in seconds (≥ 0). Default: 15.

    Returns
    -------
    MomentsOfTruth
        ``moments`` = customers × contacts; ``contact_seconds`` = moments × seconds
        (``contact_hours`` and ``seconds_per_customer`` as properties).

    Raises
    ------
    ServiceLabError
        A parameter that is not a finite number ≥ 0.

    Notes
    -----
    .. math:: M = N \\cdot k, \\qquad T = M \\cdot s

    with N customers, k contacts each and s seconds per contact. Carlzon's point is the ratio: the
    company's image is made in M very short episodes (each customer spends only k·s = 75 seconds
    with staff), most of them far from any manager.

    References
    ----------
    Carlzon, J. (1987). *Moments of Truth*. Ballinger (Swedish original *Riv pyramiderna!*, 1985).

    Examples
    --------
    >>> m = moments_of_truth()
    >>> int(m.moments), int(m.contact_seconds), round(m.contact_hours)
    (50000000, 750000000, 208333)
    """
    n = check_number(customers, "customers", low=0)
    k = check_number(contacts_per_customer, "contacts_per_customer", low=0)
    s = check_number(seconds_per_contact, "seconds_per_contact", low=0)
    moments = n * k
    return MomentsOfTruth(n, k, s, moments, moments * s)


# ---------------------------------------------------------------------------------------------
# The remembered journey: mean vs peak–end
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class JourneySummary:
    """Result of :func:`journey_summary` (touchpoint indices count from 0)."""

    ratings: tuple[float, ...]
    mean: float
    peak_index: int
    peak: float
    end: float
    remembered: float

    @property
    def gap(self) -> float:
        """``remembered − mean``: how much better (> 0) or worse the journey is remembered than averaged."""
        return self.remembered - self.mean


def _ratings(ratings, scale) -> tuple[np.ndarray, float, float]:
    low, high = checked_scale(scale)
    r = check_sequence(ratings, "ratings", min_size=1, low=low, high=high)
    return r, low, high


def peak_index(ratings, scale=SCALE) -> int:
    """Index (from 0) of the journey's peak: its most intense touchpoint.

    Parameters
    ----------
    ratings : sequence of float
        Touchpoint ratings in journey order, each within ``scale``.
    scale : (float, float)
        The rating scale; its midpoint is the neutral experience.

    Returns
    -------
    int

    Notes
    -----
    Intensity is the distance from the scale's neutral midpoint m = (low + high) / 2:
    :math:`|r_i - m|`. The peak is the touchpoint of greatest intensity, good or bad. A tie between
    a good and a bad moment goes to the **bad** one (negative moments weigh more in memory:
    Baumeister, Bratslavsky, Finkenauer & Vohs 2001); a remaining tie to the **earlier** one.
    Kahneman et al. (1993) studied pain, where the peak is simply the worst moment; this definition
    reduces to that when every touchpoint is below neutral.

    Examples
    --------
    >>> peak_index([6, 9, 5, 1])     # |r − 5| = 1, 4, 0, 4: the tie 9 vs 1 goes to the bad moment
    3
    >>> peak_index([7, 3, 8])        # 2, 2, 3
    2
    """
    r, low, high = _ratings(ratings, scale)
    intensity = np.abs(r - (low + high) / 2)
    # lexicographic: greatest intensity, then lowest rating, then earliest position
    return int(np.lexsort((np.arange(r.size), r, -intensity))[0])


def journey_summary(ratings, scale=SCALE) -> JourneySummary:
    """The mean of a journey's touchpoint ratings and the experience remembered by the peak–end rule.

    Parameters
    ----------
    ratings : sequence of float
        Touchpoint ratings in journey order (at least one), each within ``scale``.
    scale : (float, float)
        Rating scale, default 0–10 (midpoint 5 = neutral).

    Returns
    -------
    JourneySummary
        ``mean``, ``peak_index`` (see :func:`peak_index`), ``peak``, ``end`` (the last rating),
        ``remembered`` = (peak + end) / 2 and ``gap`` = remembered − mean.

    Raises
    ------
    ServiceLabError
        No rating, a rating that is not a number or lies outside the scale.

    Notes
    -----
    .. math:: \\bar r = \\frac{1}{n}\\sum_{i=1}^{n} r_i, \\qquad
              R_{\\text{peak-end}} = \\frac{r_{\\text{peak}} + r_n}{2}

    The peak–end score is the simple form used in the literature (Kahneman et al. 1993;
    Fredrickson & Kahneman 1993); real judgements also depend on other features, so read it as a
    model of *direction*, not an exact forecast. Duration does not enter: "duration neglect".

    References
    ----------
    Kahneman, D., Fredrickson, B. L., Schreiber, C. A. & Redelmeier, D. A. (1993). When more pain
    is preferred to less: adding a better end. *Psychological Science*, 4(6), 401–405.
    Chase, R. B. & Dasu, S. (2001). Want to perfect your company's service? Use behavioral science.
    *Harvard Business Review*, 79(6), 78–84.

    Examples
    --------
    >>> s = journey_summary([8, 8, 2, 8, 4])
    >>> s.mean, s.peak_index, s.peak, s.end, s.remembered
    (6.0, 2, 2.0, 4.0, 3.0)
    """
    r, low, high = _ratings(ratings, scale)
    k = peak_index(r, (low, high))
    peak, end = float(r[k]), float(r[-1])
    return JourneySummary(tuple(float(x) for x in r), float(r.mean()), k, peak, end, (peak + end) / 2)


def effort_effect(ratings, step: float = 2.0, scale=SCALE, *, names=None) -> pd.DataFrame:
    """Where to spend effort: the gain in the mean and in the remembered score from improving one touchpoint.

    Parameters
    ----------
    ratings : sequence of float
        Touchpoint ratings in journey order, each within ``scale``.
    step : float
        Points added to one touchpoint at a time (> 0); the rating is capped at the scale's top.
    scale : (float, float)
    names : sequence of str, optional
        The touchpoints' names (one per rating), added as a column ``name``.

    Returns
    -------
    pandas.DataFrame
        One row per touchpoint: ``touchpoint`` (index from 0), ``name`` (with ``names``), ``rating``, ``new_rating``,
        ``mean_gain`` and ``remembered_gain`` (after − before, peak–end), and ``rank`` (1 = the
        touchpoint whose improvement raises the remembered score most; ties share the smaller rank).

    Notes
    -----
    Raising touchpoint i by δ (capped) moves the mean by δᵢ / n wherever it is. It moves the
    peak–end score only if i is the end, or the peak is i before or after the change: the rule's
    advice is to fix the worst moment, finish strong, and create a high point (Chase & Dasu 2001).

    Examples
    --------
    One bad moment (2) and a weak end (4): fixing the bad moment or the end helps the memory of the
    journey; polishing a middle touchpoint from 6 to 8 only ties with the bad peak, which still wins.

    >>> e = effort_effect([6, 6, 2, 6, 4], step=2)
    >>> e["mean_gain"].round(2).tolist(), e["remembered_gain"].tolist()
    ([0.4, 0.4, 0.4, 0.4, 0.4], [0.0, 0.0, 1.0, 0.0, 1.0])

    A touchpoint raised past the bad moment's intensity becomes a new, positive peak (a moment of
    delight): in ``[8, 8, 2, 8, 4]`` raising the first 8 to 10 gives the largest gain.

    >>> effort_effect([8, 8, 2, 8, 4], step=2)["remembered_gain"].tolist()
    [4.0, 4.0, 3.0, 4.0, 1.0]
    """
    r, low, high = _ratings(ratings, scale)
    delta = check_number(step, "step", low=0, low_open=True, high=high - low)
    before = journey_summary(r, (low, high))
    rows = []
    for i in range(r.size):
        changed = r.copy()
        changed[i] = min(high, r[i] + delta)
        after = journey_summary(changed, (low, high))
        rows.append({"touchpoint": i, "rating": float(r[i]), "new_rating": float(changed[i]),
                     "mean_gain": after.mean - before.mean, "remembered_gain": after.remembered - before.remembered})
    out = pd.DataFrame(rows)
    if names is not None:
        labels = [str(n) for n in names]
        if len(labels) != r.size:
            raise ServiceLabError("encounter.error.ratings", n=r.size, size=len(labels))
        out.insert(1, "name", labels)
    out["rank"] = out["remembered_gain"].round(12).rank(ascending=False, method="min").astype(int)
    return out


# ---------------------------------------------------------------------------------------------
# Journeys shipped with the course
# ---------------------------------------------------------------------------------------------
def _text(entry, where: str) -> dict[str, str]:
    if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) and entry[k].strip() for k in ("zh", "en"))):
        raise ContentError("encounter.error.content", file="journeys.json", where=where)
    return {"zh": entry["zh"], "en": entry["en"]}


@lru_cache(maxsize=1)
def _journeys() -> dict:
    path = data_path("encounter", "journeys.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    out = {}
    for jid, j in raw.items():
        tps = j.get("touchpoints") if isinstance(j, dict) else None
        if not isinstance(tps, list) or len(tps) < 3:
            raise ContentError("encounter.error.content", file=path.name, where=f"{jid}.touchpoints")
        rows = []
        for i, tp in enumerate(tps, start=1):
            rating = tp.get("default") if isinstance(tp, dict) else None
            if not (isinstance(rating, (int, float)) and SCALE[0] <= rating <= SCALE[1]):
                raise ContentError("encounter.error.content", file=path.name, where=f"{jid}.touchpoints[{i}].default")
            label = _text(tp.get("label"), f"{jid}.touchpoints[{i}].label")
            rows.append({"id": tp.get("id", f"t{i}"), "zh": label["zh"], "en": label["en"], "default": float(rating)})
        out[jid] = {"title": _text(j.get("title"), f"{jid}.title"), "touchpoints": rows}
    return out


def journey_ids() -> list[str]:
    """Ids of the shipped journeys, in file order (``["hotel", "courier"]``)."""
    return list(_journeys())


def load_journeys(journey: str = "hotel") -> pd.DataFrame:
    """The touchpoints of a shipped journey, in order.

    Parameters
    ----------
    journey : str
        A journey id of ``data/encounter/journeys.json`` (see :func:`journey_ids`).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``zh``, ``en`` (the touchpoint's name) and ``default`` (a starting rating).
        ``attrs["title"]`` holds the journey's title in both languages.

    Examples
    --------
    >>> load_journeys("hotel")["id"].tolist()[:2]
    ['booking', 'arrival']
    """
    data = _journeys()
    if journey not in data:
        raise ServiceLabError("encounter.error.journey", journey=journey, allowed=", ".join(data))
    frame = pd.DataFrame(data[journey]["touchpoints"])
    frame.attrs["title"] = dict(data[journey]["title"])
    return frame
