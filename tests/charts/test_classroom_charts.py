"""Class-mode charts: the vote distribution (hidden / shown / revealed) and the vote shift.

The inputs are written by hand; the assertions read the datasets the chart draws and its spec.
"""
from __future__ import annotations

import pandas as pd
import pytest

from servicelab.charts import classroom as cc
from servicelab.models import peer_instruction as pi

OPTS = ["A", "B", "C", "D"]
R1 = {"a": ["A"], "b": ["B"], "c": ["B"], "d": ["C"]}
R2 = {"a": ["B"], "b": ["B"], "c": ["B"], "d": ["D"]}


def _data(kind, output, lang="en"):
    return {k: v for k, v in kind.data(output, lang).items()}


def test_votes_bars_carry_the_counts_and_mark_the_correct_option_by_symbol_and_colour():
    view = cc.VoteView(pi.vote_counts(R1, OPTS, correct="B"), reveal=True)
    bars = _data(cc.VOTES, view)["cls_votes"]
    assert bars["count"].tolist() == [1, 2, 1, 0]
    assert bars["label"].tolist() == ["A", "B ✓", "C", "D"]
    assert bars["kind"].tolist() == ["Option", "✓ Correct answer", "Option", "Option"]
    spec = cc.VOTES.template("en")
    colour = next(l for l in spec["layer"] if l.get("mark", {}).get("type") == "bar")["encoding"]["color"]
    assert colour["scale"]["range"] == [cc.OTHER_COLOR, cc.CORRECT_COLOR]


def test_votes_do_not_give_the_answer_away_before_it_is_revealed():
    bars = _data(cc.VOTES, cc.VoteView(pi.vote_counts(R1, OPTS, correct="B")))["cls_votes"]
    assert "✓" not in "".join(bars["label"]) and set(bars["kind"]) == {"Option"}


def test_hidden_mode_shows_only_the_number_of_answers():
    data = _data(cc.VOTES, cc.VoteView(pi.vote_counts(R1, OPTS, correct="B"), hidden=True), "zh")
    assert data["cls_votes"].empty
    assert data["cls_votes_axis"]["label"].tolist() == OPTS          # the options stay on the axis
    assert data["cls_votes_note"]["note"].iloc[0] == "已作答：4 人（分布已隐藏）"


def test_shift_matrix_has_every_pair_with_its_count_and_the_share_correct():
    data = _data(cc.SHIFT, pi.vote_shift(R1, R2, OPTS, "B"))
    cells = data["cls_shift"].set_index(["from", "to"])["count"]
    assert len(cells) == 16 and cells.sum() == 4
    assert cells[("A", "B ✓")] == 1 and cells[("B ✓", "B ✓")] == 2 and cells[("C", "D")] == 1
    share = data["cls_shift_share"]
    assert share["share"].tolist() == [0.5, 0.75] and share["n"].tolist() == [4, 4]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_live_charts_update_in_place(lang):
    w = cc.VOTES.live(cc.VoteView(pi.vote_counts({}, OPTS, correct="A")), lang)
    spec = w.spec
    cc.VOTES.update(w, cc.VoteView(pi.vote_counts(R2, OPTS, correct="B")), lang)
    assert w.spec is spec
    assert [r["count"] for r in w.datasets["cls_votes"]] == [0, 3, 0, 1]
    assert "<td>3</td>" in w.table_html
