"""Tests for servicelab.quiz.schedule (FSRS with the exam date) and the Leitner → FSRS migration.

Oracles
-------
* The `fsrs` package driven directly in the test (its own ``Scheduler``, configured here: right =
  Good, wrong = Again, no learning steps, no fuzz), and FSRS-6's published formulas re-computed
  here (:math:`R = (1 + f t/S)^{-w_{20}}`, :math:`f = 0.9^{-1/w_{20}} - 1`, first stability
  :math:`w_2 = 2.3065` d for Good, :math:`w_0 = 0.212` d for Again).
* Simulated learners whose forgetting curve is *not* FSRS's (exponential, and the FSRS-4.5 power
  curve with another exponent) with a known stability growth: the forecast must be calibrated
  against their simulated recall.
* The marks of the mock blueprint summed by hand.
"""
from __future__ import annotations

import math
import random
import sqlite3
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from servicelab.errors import ServiceLabError
from servicelab.quiz import schedule as sc
from servicelab.storage import progress as P
from servicelab.storage.progress import ProgressStore

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc)
W = fsrs.scheduler.DEFAULT_PARAMETERS
DECAY = W[20]
FACTOR = 0.9 ** (-1 / DECAY) - 1
REF = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def _r(days: int, stability: float) -> float:
    """FSRS-6 retrievability, recomputed from the published formula."""
    return (1 + FACTOR * days / stability) ** -DECAY


def _ref_replay(history):
    """The fsrs package itself, one card per item."""
    cards = {}
    for item, ok, when in sorted(history, key=lambda e: e[2]):
        card = cards.get(item) or fsrs.Card(card_id=1, due=when)
        cards[item], _ = REF.review_card(card, fsrs.Rating.Good if ok else fsrs.Rating.Again, when)
    return cards


def _same(state: sc.ItemState, card: fsrs.Card) -> bool:
    return (state.card.state, state.card.stability, state.card.difficulty, state.due, state.last_reviewed) == \
        (card.state, card.stability, card.difficulty, card.due, card.last_review)


# -- FSRS itself ---------------------------------------------------------------------------------

def test_first_answers_follow_the_published_initial_stabilities():
    good, again = sc.review(None, "a", True, T0), sc.review(None, "b", False, T0)
    assert good.stability == pytest.approx(2.3065) and again.stability == pytest.approx(0.212)
    assert good.due == T0 + timedelta(days=2) and again.due == T0 + timedelta(days=1)  # round(S), at least 1
    assert sc.recall(good, T0 + timedelta(days=2)) == pytest.approx(_r(2, 2.3065))
    assert sc.recall(good, T0 + timedelta(days=7)) == pytest.approx(_r(7, 2.3065))
    assert _r(0, 5.0) == 1.0 and _r(5, 5.0) == pytest.approx(0.9)  # S is the 90 % point


history_st = st.lists(st.tuples(st.sampled_from("abc"), st.booleans(), st.integers(0, 200 * 24 * 60)), max_size=30)


@given(history_st)
@settings(max_examples=60, deadline=None)
def test_replay_equals_the_fsrs_package(events):
    timed = [(i, ok, T0 + timedelta(minutes=m, microseconds=k)) for k, (i, ok, m) in enumerate(events)]
    mine, ref = sc.replay(timed), _ref_replay(timed)
    assert mine.keys() == ref.keys()
    for item in mine:
        assert _same(mine[item], ref[item])
        hist = [ok for it, ok, _ in timed if it == item]
        assert (mine[item].n_correct, mine[item].n_wrong) == (sum(hist), len(hist) - sum(hist))


@given(history_st, st.integers(0, 60 * 24 * 60))
@settings(max_examples=60, deadline=None)
def test_right_never_due_sooner_than_wrong(events, gap):
    timed = [(i, ok, T0 + timedelta(minutes=m)) for i, ok, m in events]
    state = sc.replay(timed).get("a")
    now = max([w for _, _, w in timed], default=T0) + timedelta(minutes=gap)
    assert sc.review(state, "a", True, now).due >= sc.review(state, "a", False, now).due


@given(st.lists(st.tuples(st.sampled_from("abc"), st.booleans(), st.integers(0, 40 * 24 * 60)), max_size=30),
       st.randoms())
@settings(deadline=None)
def test_replay_does_not_depend_on_input_order(events, rnd):
    # distinct times so the time order is unambiguous (kept from the Leitner tests: still holds)
    timed = [(item, ok, T0 + timedelta(minutes=m, microseconds=i)) for i, (item, ok, m) in enumerate(events)]
    shuffled = list(timed)
    rnd.shuffle(shuffled)
    assert sc.replay(timed) == sc.replay(shuffled)


@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), st.tuples(st.booleans(), st.integers(0, 40 * 24 * 60))),
       st.integers(0, 40 * 24 * 60))
@settings(deadline=None)
def test_due_items_are_exactly_the_overdue_ones(spec, gap):
    progress = {k: sc.review(None, k, ok, T0 + timedelta(minutes=m)) for k, (ok, m) in spec.items()}
    now = T0 + timedelta(minutes=gap)
    due = sc.due_items(progress, now)
    assert set(due) == {k for k, s in progress.items() if s.due <= now}
    assert [progress[k].due for k in due] == sorted(progress[k].due for k in due)


def _qs(*ids, qtype="single"):
    return [SimpleNamespace(id=i, type=qtype, chapter="01") for i in ids]


def test_next_question_prefers_due_then_new_then_none():
    qs, marks, rng = _qs("Q-a", "Q-b", "Q-c"), {"single": 20.0}, random.Random(0)
    progress = {"Q-a": sc.review(None, "Q-a", True, T0),         # due in 2 days
                "Q-b": sc.review(None, "Q-b", False, T0)}        # due in 1 day
    assert sc.next_question(qs, progress, T0 + timedelta(hours=1), rng, marks=marks).id == "Q-c"  # only new one
    assert sc.next_question(qs, progress, T0 + timedelta(days=1), rng, marks=marks).id == "Q-b"   # due first
    # both due: the one with more marks at stake (lower recall, same type) first
    assert sc.next_question(qs, progress, T0 + timedelta(days=3), rng, marks=marks).id == "Q-b"
    progress = {**progress, "Q-c": sc.review(None, "Q-c", True, T0)}
    assert sc.next_question(qs, progress, T0 + timedelta(hours=1), rng, marks=marks) is None
    assert sc.next_question(qs[1:2], {}, T0, rng, marks=marks).id == "Q-b"   # the pool restricts


@given(st.randoms(), st.sets(st.sampled_from(["Q-a", "Q-b", "Q-c", "Q-d"])))
def test_next_question_new_comes_from_unseen(rnd, seen):
    progress = {i: sc.review(None, i, True, T0) for i in seen}
    q = sc.next_question(_qs("Q-a", "Q-b", "Q-c", "Q-d"), progress, T0, random.Random(rnd.random()),
                         marks={"single": 1.0})
    assert q is None if len(seen) == 4 else q.id not in seen


def test_card_review_due_first_then_new():
    cards = [SimpleNamespace(id=f"K-{i}", concepts=("C3.5",)) for i in range(4)]
    progress = {"K-0": sc.review(None, "K-0", True, T0),        # due T0 + 2 d
                "K-1": sc.review(None, "K-1", False, T0)}       # due T0 + 1 d
    picked = sc.card_review(cards, progress, T0 + timedelta(days=1), random.Random(0), n=10)
    assert picked[0].id == "K-1" and {c.id for c in picked[1:]} == {"K-2", "K-3"}
    picked = sc.card_review(cards, progress, T0 + timedelta(days=3), random.Random(0), n=3)
    assert [c.id for c in picked[:2]] == ["K-1", "K-0"] and len(picked) == 3
    assert [c.id for c in sc.card_review(cards, progress, T0, random.Random(0), concept="C9.9")] == []


# -- the exam date ------------------------------------------------------------------------------

@given(history_st, st.integers(0, 400))
@settings(max_examples=80, deadline=None)
def test_no_interval_passes_the_exam_day(events, exam_in_days):
    exam = (T0 + timedelta(days=exam_in_days)).date()
    cap = datetime(exam.year, exam.month, exam.day, tzinfo=timezone.utc)
    timed = [(i, ok, T0 + timedelta(minutes=m)) for i, ok, m in events]
    capped, free = sc.replay(timed, exam_date=exam), sc.replay(timed)
    for item, s in capped.items():
        if s.last_reviewed < cap:
            assert s.due <= cap and s.due == min(free[item].due, cap)
        else:  # reviewed on or after the exam day: FSRS's own interval
            assert s.due == free[item].due
        assert s.card.stability == free[item].card.stability  # the cap changes when, not the memory


def test_the_cap_bites_on_a_long_interval():
    s = None
    for d in (0, 2, 8, 30):
        s = sc.review(s, "a", True, T0 + timedelta(days=d))
    assert s.due > T0 + timedelta(days=60)                    # FSRS alone: months ahead
    exam = date(2026, 7, 11)
    c = sc.review(sc.replay([("a", True, T0 + timedelta(days=d)) for d in (0, 2, 8)])["a"], "a", True,
                  T0 + timedelta(days=30), exam_date=exam)
    assert c.due == datetime(2026, 7, 11, tzinfo=timezone.utc)
    assert sc.horizon(T0, exam) == c.due and sc.horizon(c.due + timedelta(hours=1), exam) > c.due


@pytest.mark.parametrize("value, key", [
    ("2027-02-30", "schedule.error.bad_exam_date"), ("next July", "schedule.error.bad_exam_date"),
    ("", "schedule.error.bad_exam_date"), (20270109, "schedule.error.bad_exam_date"),
    ("2026-05-31", "schedule.error.exam_date_past"), ("2029-06-02", "schedule.error.exam_date_far"),
])
def test_bad_exam_dates_get_translated_errors(value, key):
    with pytest.raises(ServiceLabError) as info:
        sc.parse_exam_date(value, today=date(2026, 6, 1))
    err = info.value
    assert err.key == key
    for lang in ("zh", "en"):
        msg = err.message(lang)
        assert "{" not in msg and (str(value) in msg if value not in ("", 20270109) else True)
    assert sc.parse_exam_date(" 2027-01-09 ", today=date(2026, 6, 1)) == date(2027, 1, 9)
    assert sc.parse_exam_date(date(2026, 6, 1), today=date(2026, 6, 1)) == date(2026, 6, 1)  # today is fine


def test_exam_date_is_stored_and_recaps_the_cards(tmp_path):
    with ProgressStore(tmp_path / "p.db") as store:
        for d in (0, 2, 8, 30):
            store.record_card_review("K-1", True, reviewed_at=T0 + timedelta(days=d))
        free_due = store.states("card")["K-1"].due
        assert free_due > T0 + timedelta(days=60)
        store.set_exam_date("2026-07-11", today=T0.date())
        assert store.states("card")["K-1"].due == datetime(2026, 7, 11, tzinfo=timezone.utc)
        with pytest.raises(ServiceLabError):
            store.set_exam_date("2026-13-01", today=T0.date())
        assert store.exam_date() == date(2026, 7, 11)          # a bad value changes nothing
    with ProgressStore(tmp_path / "p.db") as store:                # kept in the file
        assert store.exam_date() == date(2026, 7, 11)
        store.record_card_review("K-2", True, reviewed_at=datetime(2026, 7, 10, tzinfo=timezone.utc))
        assert store.states("card")["K-2"].due == datetime(2026, 7, 11, tzinfo=timezone.utc)  # 1 day, not 2
        store.set_exam_date(None, today=T0.date())
        assert store.states("card")["K-1"].due == free_due      # cleared: FSRS's own interval again


# -- ranking --------------------------------------------------------------------------------------

def test_marks_by_type_sums_the_blueprint_sections():
    from servicelab.quiz.paper import DEFAULT_BLUEPRINT

    marks = sc.marks_by_type(DEFAULT_BLUEPRINT)
    assert sum(marks.values()) == 100
    by_hand: dict[str, float] = {}
    for qtype, n, each in DEFAULT_BLUEPRINT:
        by_hand[qtype] = by_hand.get(qtype, 0) + n * each
    assert marks == by_hand
    assert sc.marks_by_type([("case", 2, 10), ("single", 20, 1), ("case", 1, 5)]) == {"case": 25.0, "single": 20.0}


def test_review_order_ranks_by_marks_at_stake_on_exam_day():
    exam = date(2026, 7, 1)                       # 30 days after T0
    marks = {"single": 20.0, "essay": 10.0, "term": 15.0}
    qs = [SimpleNamespace(id=i, type=t) for i, t in
          (("Q-s-strong", "single"), ("Q-s-weak", "single"), ("Q-e-weak", "essay"), ("Q-t", "term"),
           ("Q-tf", "true_false"), ("Q-new", "single"))]
    prog = {
        "Q-s-strong": sc.replay([("Q-s-strong", True, T0 - timedelta(days=d)) for d in (40, 30, 12)])["Q-s-strong"],
        "Q-s-weak": sc.review(None, "Q-s-weak", False, T0 - timedelta(days=3)),
        "Q-e-weak": sc.review(None, "Q-e-weak", False, T0 - timedelta(days=3)),
        "Q-t": sc.review(None, "Q-t", True, T0 - timedelta(days=2)),
        "Q-tf": sc.review(None, "Q-tf", False, T0 - timedelta(days=3)),
    }
    when = datetime(2026, 7, 1, tzinfo=timezone.utc)
    expected_priority = {}
    for q in qs:
        if q.id in prog:
            s = prog[q.id]
            r = _r((when - s.last_reviewed).days, s.card.stability)   # recomputed, not sc.recall
            expected_priority[q.id] = (1 - r) * marks.get(q.type, 0.0)
    order = [q.id for q in sc.review_order(qs, prog, T0, marks=marks, exam_date=exam)]
    due_now = [i for i, s in prog.items() if s.due <= T0]
    assert set(order) == set(due_now) and "Q-new" not in order
    assert [expected_priority[i] for i in order] == sorted((expected_priority[i] for i in order), reverse=True)
    assert order[0] == "Q-s-weak" and order[-1] == "Q-tf"   # 20 marks at stake first; a practice type last
    # new questions come only when nothing is due, from the type that carries most marks
    assert sc.next_question(qs, prog, T0, random.Random(0), marks=marks, exam_date=exam).id == "Q-s-weak"
    seen = {k: sc.review(None, k, True, T0) for k in prog}
    assert sc.next_question(qs, seen, T0, random.Random(0), marks=marks, exam_date=exam).id == "Q-new"
    assert sc.next_question(qs[:5], seen, T0, random.Random(0), marks=marks) is None


def test_forecast_by_chapter_is_the_mean_recall_on_exam_day():
    qs = [SimpleNamespace(id=f"Q{i}", chapter="01" if i < 3 else "02") for i in range(5)]
    prog = {"Q0": sc.review(None, "Q0", True, T0), "Q1": sc.review(None, "Q1", False, T0)}
    when = T0 + timedelta(days=10)
    f = sc.forecast_by_chapter(qs, prog, when).set_index("chapter")
    r0, r1 = _r(10, 2.3065), _r(10, 0.212)
    assert f.loc["01", "recall"] == pytest.approx((r0 + r1) / 2)
    assert f.loc["01", "expected"] == pytest.approx((r0 + r1) / 3)
    assert (f.loc["01", "n_reviewed"], f.loc["02", "n_reviewed"], f.loc["02", "n_questions"]) == (2, 0, 2)
    assert math.isnan(f.loc["02", "recall"]) and f.loc["02", "expected"] == 0


# -- calibration on simulated learners -------------------------------------------------------------

def _exponential(t: float, s: float) -> float:
    return 0.9 ** (t / s)             # true stability s = the 90 % point, exponential decay


def _power_fsrs45(t: float, s: float) -> float:
    return (1 + t / (9 * s)) ** -1    # FSRS-4's curve (exponent −1, not FSRS-6's −0.1542)


def _growth(s: float, p: float, ok: bool, ability: float, hardness: float) -> float:
    """The simulated learner's true stability after a review at true recall p: a success multiplies
    it by 1.8 + 2·(ability/hardness)·(e^{1.5(1−p)} − 1)·s^{−0.1}, a lapse keeps 30 % (≥ 0.2 d)."""
    if ok:
        return s * (1.8 + 2.0 * ability / hardness * (math.exp(1.5 * (1 - p)) - 1) * s ** -0.1)
    return max(0.2, 0.3 * s)


def simulate(curve, *, seed: int, learners: int, items: int, days: int, exam_day: int | None = None,
             stop_early: bool = False):
    """Learners study with the scheduler (sometimes early, often late); returns per review the
    forecast, the simulated outcome and the true recall; with ``exam_day`` the forecast of every
    item on exam day and its simulated exam-day outcome instead; with ``stop_early`` each learner
    stops reviewing on a random day up to ``exam_day − 5`` days before the exam."""
    rng = random.Random(seed)
    reviews, exam = [], []
    exam_date = (T0 + timedelta(days=exam_day)).date() if exam_day is not None else None
    cap = sc.exam_start(exam_date) if exam_date else None
    for _ in range(learners):
        ability = rng.lognormvariate(0, 0.3)
        # with an exam: reviews go on until the exam day starts, or (stop_early) end on a random
        # day before it, so exam-day forecasts reach weeks ahead
        stop = cap - timedelta(days=rng.randint(0, exam_day - 5) if stop_early else 0) if cap is not None else None
        for _ in range(items):
            hardness = rng.lognormvariate(0, 0.3)
            t = T0 + timedelta(days=rng.randint(0, 10))
            state, s_true = None, None
            while (t - T0).days < days and (stop is None or t < stop):
                if state is None:
                    ok = rng.random() < 0.75                      # first encounter of the question
                    s_true = (2.5 if ok else 0.4) * ability / hardness
                else:
                    p = curve((t - state.last_reviewed).days, s_true)
                    ok = rng.random() < p
                    reviews.append((sc.recall(state, t), ok, p))
                    s_true = _growth(s_true, p, ok, ability, hardness)
                state = sc.review(state, "x", ok, t, exam_date=exam_date)
                gap = max(1, (state.due - t).days) * rng.choice([0.5, 1, 1, 1, 1.5, 2, 3])
                t += timedelta(days=max(1, round(gap)))
            if cap is not None and state is not None:
                p = curve((cap - state.last_reviewed).days, s_true)
                exam.append((sc.recall(state, cap), rng.random() < p, p))
    return exam if exam_day is not None else reviews


def calibration(rows, n_bins: int = 10):
    """Mean absolute calibration error: |mean forecast − observed rate| per bin of the forecast,
    weighted by the bin's share; the same against the simulated true recall."""
    bins: dict[int, list] = {}
    for pred, ok, p in rows:
        bins.setdefault(min(int(pred * n_bins), n_bins - 1), []).append((pred, ok, p))
    n = len(rows)
    mace = sum(len(b) / n * abs(sum(x[0] for x in b) / len(b) - sum(x[1] for x in b) / len(b)) for b in bins.values())
    mace_true = sum(len(b) / n * abs(sum(x[0] for x in b) / len(b) - sum(x[2] for x in b) / len(b)) for b in bins.values())
    return mace, mace_true, bins


TOLERANCE = 0.10  # mean absolute calibration error, 10 bins


@pytest.mark.parametrize("curve", [_exponential, _power_fsrs45], ids=["exponential", "power"])
def test_forecast_at_each_review_is_calibrated(curve):
    rows = simulate(curve, seed=20261201, learners=40, items=15, days=120)
    mace, mace_true, bins = calibration(rows)
    assert len(rows) >= 2000
    assert mace <= TOLERANCE and mace_true <= TOLERANCE, (mace, mace_true)
    # the bulk of the forecasts (0.8–1.0) is within 0.1 bin by bin, not only on average
    for b in (8, 9):
        pred = sum(x[0] for x in bins[b]) / len(bins[b])
        obs = sum(x[1] for x in bins[b]) / len(bins[b])
        assert abs(pred - obs) <= TOLERANCE


@pytest.mark.parametrize("curve", [_exponential, _power_fsrs45], ids=["exponential", "power"])
def test_forecast_on_exam_day_is_calibrated_when_reviews_go_on(curve):
    rows = simulate(curve, seed=7, learners=150, items=15, days=10_000, exam_day=45)
    mace, mace_true, _bins = calibration(rows)
    assert len(rows) >= 2000
    assert mace <= TOLERANCE and mace_true <= TOLERANCE, (mace, mace_true)


def _fsrs6_shape(t: float, s: float) -> float:
    return (1 + FACTOR * t / s) ** -DECAY  # FSRS-6's own curve shape; the growth stays the learner's


def test_forecast_weeks_ahead_is_calibrated_for_fsrs_shaped_forgetting():
    rows = simulate(_fsrs6_shape, seed=7, learners=150, items=15, days=10_000, exam_day=45, stop_early=True)
    mace, mace_true, _bins = calibration(rows)
    assert len(rows) >= 2000
    assert mace <= TOLERANCE and mace_true <= TOLERANCE, (mace, mace_true)


@pytest.mark.parametrize("curve", [_exponential, _power_fsrs45], ids=["exponential", "power"])
def test_forecast_weeks_ahead_is_too_optimistic_for_faster_tails(curve):
    """The limitation notebook 12 and the dashboard state: a learner who stops reviewing weeks
    before the exam and whose forgetting has a thinner tail than FSRS-6's power curve (exponential,
    or exponent −1) recalls less than forecast. Measured, so a change of model re-opens the note."""
    rows = simulate(curve, seed=7, learners=150, items=15, days=10_000, exam_day=45, stop_early=True)
    mace, _mace_true, _bins = calibration(rows)
    over = sum(r[0] for r in rows) / len(rows) - sum(r[1] for r in rows) / len(rows)
    assert len(rows) >= 2000 and mace > TOLERANCE and over > 0.1, (mace, over)


def test_calibration_check_can_fail():
    """The check is not vacuous: a learner who forgets ten times faster is flagged."""
    rows = simulate(lambda t, s: _exponential(t, s / 10), seed=20261201, learners=40, items=15, days=120)
    assert calibration(rows)[0] > TOLERANCE


# -- Leitner progress migrates -------------------------------------------------------------------

def _leitner_file(path, answers, cards):
    """A schema-1 (Leitner) progress file, as the previous version wrote it."""
    con = sqlite3.connect(path)
    for statement in P.MIGRATIONS[0]:
        con.execute(statement)
    con.execute(f"PRAGMA application_id = {P.APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    for k, (qid, ok, when) in enumerate(answers):
        con.execute("INSERT INTO answers VALUES (?, ?, 'practice', '\"A\"', ?, 1.0, ?, ?, ?)",
                    (f"u{k:03d}", qid, float(ok), float(ok), int(ok), when.isoformat(timespec="microseconds")))
    for k, (cid, ok, when) in enumerate(cards):
        con.execute("INSERT INTO card_reviews VALUES (?, ?, ?, ?)",
                    (f"c{k:03d}", cid, int(ok), when.isoformat(timespec="microseconds")))
    con.execute("INSERT INTO schedule VALUES ('question', 'Q-a', 3, ?, ?, 2, 0)",
                (T0.isoformat(), T0.isoformat()))  # a Leitner row; must not survive
    con.commit()
    con.close()


def test_leitner_file_migrates_by_replaying_its_history(tmp_path):
    rng = random.Random(3)
    answers = [(rng.choice(["Q-a", "Q-b", "Q-c"]), rng.random() < 0.7, T0 + timedelta(hours=rng.randint(0, 2000)))
               for _ in range(60)]
    cards = [("K-1", rng.random() < 0.6, T0 + timedelta(hours=rng.randint(0, 2000))) for _ in range(15)]
    _leitner_file(tmp_path / "old.db", answers, cards)
    with ProgressStore(tmp_path / "old.db") as store:
        questions, kcards = store.states(), store.states("card")
        assert store.count_answers() == 60 and len(store.card_reviews()) == 15
        assert len(store.review_logs()) == 60 and len(store.review_logs("card")) == 15
    ref_q, ref_k = _ref_replay(answers), _ref_replay(cards)
    assert questions.keys() == ref_q.keys() == {"Q-a", "Q-b", "Q-c"}
    for qid, card in ref_q.items():
        assert _same(questions[qid], card)
        assert questions[qid].n_correct == sum(ok for q, ok, _ in answers if q == qid)
    assert _same(kcards["K-1"], ref_k["K-1"])
    con = sqlite3.connect(tmp_path / "old.db")
    assert con.execute("PRAGMA user_version").fetchone()[0] == P.SCHEMA_VERSION == 3  # 2 FSRS, 3 the running mock paper
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'schedule'").fetchone()[0] == 0
    con.close()


def test_a_second_open_changes_nothing_and_answers_continue_the_replay(tmp_path):
    answers = [("Q-a", True, T0), ("Q-a", False, T0 + timedelta(days=3)), ("Q-a", True, T0 + timedelta(days=4))]
    _leitner_file(tmp_path / "old.db", answers, [])
    with ProgressStore(tmp_path / "old.db") as store:
        first = store.states()
    with ProgressStore(tmp_path / "old.db") as store:
        assert store.states() == first
        from servicelab.quiz.scoring import Result

        later = T0 + timedelta(days=9)
        store.record_answer(Result("Q-a", "single", "A", 1.0, 1.0, True, 1.0), mode="review", answered_at=later)
        assert _same(store.states()["Q-a"], _ref_replay(answers + [("Q-a", True, later)])["Q-a"])
