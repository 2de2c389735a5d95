"""The instructor's class-mode panel, driven from Python against a real ClassStore (no server).

Answers are sent with ``store.submit`` as the server would store them; expected counts, shifts
and gap scores are computed here from the answers sent, with plain pandas.
"""
from __future__ import annotations

import re
import time
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

store_mod = pytest.importorskip("servicelab.classroom.store")
pytest.importorskip("servicelab.classroom.join")

from servicelab.io.survey import read_survey  # noqa: E402
from servicelab.quiz import load_bank  # noqa: E402
from servicelab.widgets.classroom import ClassPanel  # noqa: E402

DIMS = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]


@pytest.fixture
def session(tmp_path):
    store = store_mod.ClassStore(tmp_path / "class.sqlite")
    stopped = []
    s = SimpleNamespace(store=store, code="K7P2QX", join_url="http://127.0.0.1:9/?c=K7P2QX", warning=None,
                        stop=lambda: stopped.append(True), stopped=stopped)
    yield s
    store.close()


def single_question():
    return next(q for q in load_bank() if q.type == "single" and len(q.options) == 4)


def device(i: int) -> str:
    return f"phone-{i:04d}"


def votes(panel) -> list[int]:
    return [r["count"] for r in panel.votes_chart.datasets["cls_votes"]]


def test_join_details_are_shown_with_a_big_qr_code(session):
    p = ClassPanel(session, "en", poll=0)
    assert "K7P2QX" in p.join.value and "http://127.0.0.1:9/?c=K7P2QX" in p.join.value
    assert "<svg" in p.join.value
    width = int(re.search(r"sl-class-qr[^>]*width:(\d+)px", p.join.value).group(1))
    assert width >= 300


def test_round_one_counts_hidden_then_shown_and_the_spec_hides_the_key(session):
    q = single_question()
    p = ClassPanel(session, "zh", question_id=q.id, poll=0)
    p.start_round(1)
    rnd = session.store.current_round()
    assert rnd.open and rnd.spec["question_id"] == q.id and rnd.spec["phase"] == 1
    assert set(rnd.spec) == {"kind", "question_id", "phase", "options", "multiple", "display"}
    sent = {device(i): ["A", "B", "C", "D"][i % 4 if i < 8 else 1] for i in range(12)}
    for d, k in sent.items():
        session.store.submit(rnd.id, d, {"choice": [k]})
    p.refresh()
    assert "12" in p.count.value
    assert votes(p) == []                                           # hidden until shown
    p.show_distribution(True)
    expected = pd.Series(sent).value_counts().reindex(list(q.option_keys), fill_value=0).tolist()
    assert votes(p) == expected
    labels = [r["label"] for r in p.votes_chart.datasets["cls_votes"]]
    assert not any("✓" in x for x in labels)
    p.reveal_answer(True)
    labels = [r["label"] for r in p.votes_chart.datasets["cls_votes"]]
    assert [x for x in labels if "✓" in x] == [f"{q.answer} ✓"]


def test_two_rounds_then_the_vote_shift_equals_a_crosstab(session):
    q = single_question()
    p = ClassPanel(session, "en", question_id=q.id, poll=0)
    keys = list(q.option_keys)
    rng = np.random.default_rng(3)
    p.start_round(1)
    r1 = {device(i): keys[k] for i, k in enumerate(rng.integers(0, 4, 20))}
    for d, k in r1.items():
        session.store.submit(session.store.current_round().id, d, {"choice": [k]})
    p.close_round()
    assert not session.store.current_round().open
    p.start_round(2)
    r2 = {d: (q.answer if i % 3 else k) for i, (d, k) in enumerate(r1.items()) if i != 0}
    for d, k in r2.items():
        session.store.submit(session.store.current_round().id, d, {"choice": [k]})
    p.show_shift()
    cells = pd.DataFrame(p.shift_chart.datasets["cls_shift"])
    both = [d for d in r1 if d in r2]
    ct = pd.crosstab(pd.Series([r1[d] for d in both]), pd.Series([r2[d] for d in both]))
    ct = ct.reindex(index=keys, columns=keys, fill_value=0)
    strip = lambda s: s.split(" ")[0]  # noqa: E731 - "B ✓" → "B"
    got = cells.assign(f=cells["from"].map(strip), t=cells["to"].map(strip)).pivot(index="f", columns="t", values="count")
    assert (got.reindex(index=keys, columns=keys).to_numpy() == ct.to_numpy()).all()
    share = pd.DataFrame(p.shift_chart.datasets["cls_shift_share"])["share"].tolist()
    assert share == pytest.approx([np.mean([k == q.answer for k in r1.values()]),
                                   np.mean([k == q.answer for k in r2.values()])], abs=1e-4)


def test_the_poll_thread_updates_the_chart_within_a_second(session):
    q = single_question()
    p = ClassPanel(session, "en", question_id=q.id, poll=0.05)
    try:
        p.start_round(1)
        p.show_distribution(True)
        rid = session.store.current_round().id
        session.store.submit(rid, device(1), {"choice": [q.answer]})
        t0 = time.monotonic()
        while sum(votes(p)) < 1 and time.monotonic() - t0 < 2:
            time.sleep(0.02)
        assert sum(votes(p)) == 1 and time.monotonic() - t0 < 1.0
    finally:
        p.stop()
    assert not p._thread.is_alive()


def test_survey_round_gap_scores_and_csv_round_trip(session, tmp_path):
    p = ClassPanel(session, "en", poll=0)
    p.service_name.value = "the canteen"
    p.start_survey_round()
    rnd = session.store.current_round()
    assert rnd.kind == "survey" and "the canteen" in rnd.spec["display"]["en"]["title"]
    rng = np.random.default_rng(8)
    sent = []
    for i in range(15):
        r = {**{f"E_{d}": int(rng.integers(4, 8)) for d in DIMS}, **{f"P_{d}": int(rng.integers(1, 8)) for d in DIMS},
             **{f"I_{d}": int(rng.integers(1, 11)) for d in DIMS}, "recommend": int(rng.integers(0, 11))}
        session.store.submit(rnd.id, device(i), {"ratings": r})
        sent.append(r)
    p.refresh()
    frame = pd.DataFrame(sent)
    gaps = p.results.servqual.dimensions.set_index("dimension")["gap"]
    for d in DIMS:
        assert gaps[d] == pytest.approx((frame[f"P_{d}"] - frame[f"E_{d}"]).mean())
    radar = pd.DataFrame(p.radar_chart.datasets["servqual_radar"])
    assert len(radar) == 12 and p.ipa_chart is not None
    assert "NPS" in p.nps.value and "22" in p.alpha.value   # the short form says why α is not shown
    p.csv_path.value = str(tmp_path / "out.csv")
    p.save_csv()
    back = read_survey(tmp_path / "out.csv")
    assert back.report.n_respondents == 15
    assert back.responses["P1"].tolist() == frame["P_tangibles"].astype(float).tolist()
    assert "download=" in p.saved.value


def test_reset_asks_first(session):
    p = ClassPanel(session, "zh", poll=0)
    p.start_round(1)
    p.reset_button.click()
    assert p.confirm.layout.display is None and len(session.store.rounds()) == 1   # asked, nothing deleted
    p.confirm_no.click()
    assert p.confirm.layout.display == "none" and len(session.store.rounds()) == 1
    p.reset_button.click()
    p.confirm_yes.click()
    assert session.store.rounds() == [] and p.confirm.layout.display == "none"


def test_a_wrong_order_of_buttons_gives_a_message_not_a_traceback(session):
    p = ClassPanel(session, "en", poll=0)
    p.shift_button.click()
    assert "round 2" in p.error.value


def test_question_picker_offers_only_choice_questions_by_chapter_and_concept(session):
    p = ClassPanel(session, "en", chapter="05", poll=0)
    bank = load_bank()
    ids = [v for _l, v in p.question.options]
    assert ids and all(bank[i].type in ("single", "multiple") and bank[i].chapter == "05" for i in ids)
    concept = p.concept.options[1][1]
    p.concept.value = concept
    assert all(concept in bank[v].concepts for _l, v in p.question.options)


def test_the_panel_still_closes_like_any_widget(session):
    # regression: a button attribute named ``close`` hid Widget.close (and broke Widget.__del__)
    p = ClassPanel(session, "en", poll=0)
    p.close()
    assert p.comm is None


def test_the_vote_shift_follows_the_round_not_the_picker(session):
    bank = load_bank()
    singles = [q for q in bank if q.type == "single" and len(q.options) == 4]
    q, other = singles[0], next(x for x in singles if x.chapter != singles[0].chapter)
    p = ClassPanel(session, "en", question_id=q.id, poll=0)
    p.start_round(1)
    session.store.submit(session.store.current_round().id, device(1), {"choice": ["A"]})
    p.start_round(2)
    session.store.submit(session.store.current_round().id, device(1), {"choice": [q.answer]})
    p.chapter.value = other.chapter          # the instructor browses on to another question
    p.show_shift()
    assert p.error.value == ""
    assert p.last_shift.summary.n_both == 1 and p.last_shift.summary.correct_after == 1.0
