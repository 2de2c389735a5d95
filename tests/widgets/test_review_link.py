"""Feedback leads back to the lesson; practice offers preview and past-paper filters (issue 8 §3).

The link's target is checked against an independent computation of the heading id (the notebook's
heading text, spaces as "-", percent-encoded as nbconvert's ``add_anchor`` does for Voilà) and
against the heading really present in the notebook file.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from urllib.parse import quote, unquote

from servicelab.quiz import load_bank, load_cards, notebook_headings
from servicelab.widgets.quiz import ExamPrep, QuestionCard
from servicelab.widgets.quiz.card import review_link_html

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2025, 6, 2, 9, 30, tzinfo=dt.timezone.utc)
HREF = re.compile(r"href='([^']*)'")


def _answer(card: QuestionCard) -> None:
    q = card.question
    card.choice.value = q.answer
    card.submit()


def test_feedback_links_to_the_heading_in_voila():
    bank = load_bank()
    q = bank["Q-C1.8-single-01"] if "Q-C1.8-single-01" in bank else bank.by_concept("C1.8")[0]
    env = {"VOILA_REQUEST_URL": "http://127.0.0.1:8866/voila/render/12_exam_prep.ipynb?token=t0k",
           "QUERY_STRING": "token=t0k"}
    out = review_link_html(q, "zh", env=env)
    href = html.unescape(HREF.search(out).group(1))
    path, _, frag = href.partition("#")
    assert path == f"{q.notebook}.ipynb?token=t0k"
    heads = notebook_headings(ROOT / "notebooks" / f"{q.notebook}.ipynb")
    assert unquote(frag).replace("-", " ") in {h.replace("-", " ") for h in heads}
    assert frag == quote(q.section.replace(" ", "-"), safe="?/:@!$&'()*+,;=")
    assert "复习：第 2 章 · 客户战略矩阵" in html.unescape(out)
    assert "data-commandlinker" not in out  # Voilà has no JupyterLab command to run


def test_feedback_links_to_the_heading_in_jupyterlab():
    bank = load_bank()
    q = bank.by_concept("C4.7")[0]
    out = review_link_html(q, "en", env={"JPY_SESSION_NAME": str(ROOT / "notebooks" / "12_exam_prep.ipynb")})
    args = json.loads(html.unescape(re.search(r"data-commandlinker-args='([^']*)'", out).group(1)))
    nb = json.loads((ROOT / "notebooks" / "05_servqual.ipynb").read_text(encoding="utf-8"))
    cell = next(c["id"] for c in nb["cells"] if c["cell_type"] == "markdown"
                and any(line.lstrip("#").strip() == q.section for line in "".join(c["source"]).splitlines()
                        if line.startswith("#")))
    # no server runtime file in this environment: the name alone (see test_lab_path_is_relative_to_the_server_root)
    assert args == {"path": "05_servqual.ipynb", "id": f"#cell-id={cell}"}
    assert "rendermime:handle-local-link" in out
    assert "Review: chapter 5 · The five dimensions of service quality" in html.unescape(out)


def test_lab_path_is_relative_to_the_server_root(tmp_path, monkeypatch):
    from servicelab.widgets.quiz.card import lab_path

    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    (tmp_path / "jpserver-4242.json").write_text(json.dumps({"root_dir": str(ROOT)}), encoding="utf-8")
    env = {"JPY_SESSION_NAME": str(ROOT / "notebooks" / "12_exam_prep.ipynb"), "JPY_PARENT_PID": "4242"}
    assert lab_path("01_service_era.ipynb", env) == "notebooks/01_service_era.ipynb"
    env["JPY_PARENT_PID"] = "4243"  # no runtime file: the name alone (JupyterLab on the notebooks folder)
    assert lab_path("01_service_era.ipynb", env) == "01_service_era.ipynb"


def test_every_answer_shows_the_review_link(tmp_path):
    bank = load_bank()
    q = next(q for q in bank if q.type == "single" and q.notebook == "05_servqual")
    card = QuestionCard(q, "zh", None, "practice", clock=lambda: NOW)
    assert "sl-quiz-review-link" not in card.feedback.value
    _answer(card)
    assert "sl-quiz-review-link" in card.feedback.value
    assert "复习：第 5 章" in html.unescape(card.feedback.value)


def test_unwritten_notebook_says_so_without_a_link():
    bank = load_bank()
    # every chapter is written now: pass a set of written notebooks without chapter 08
    written = frozenset(p.stem for p in (ROOT / "notebooks").glob("*.ipynb")) - {"08_satisfaction_loyalty"}
    q = bank.by_chapter("08")[0]
    out = review_link_html(q, "zh", written=written)
    assert "href" not in out and "还没有写成" in out


def test_exam_prep_hides_unwritten_chapters_except_under_preview(tmp_path):
    bank = load_bank()
    p = ExamPrep("zh", path=tmp_path / "p.db", bank=bank, cards=load_cards(), clock=lambda: NOW,
                 written=["01_service_era", "02_customers_tiers", "05_servqual"])
    taught = {"01", "02", "05"}
    assert {q.chapter for q in p.bank} == taught
    assert {v for _l, v in p.chapter_select.options if v} == taught
    assert {q.chapter for q in p.practice_queue} <= taught
    p.scope_select.value = "preview"
    assert p.practice_queue and not {q.chapter for q in p.practice_queue} & taught
    assert "预习" in p.practice_tags.value
    assert not {v for _l, v in p.chapter_select.options if v} & taught


def test_practice_tag_filter_and_chips(tmp_path):
    bank = load_bank()
    p = ExamPrep("zh", path=tmp_path / "p.db", bank=bank, cards=load_cards(), clock=lambda: NOW,
                 written={q.notebook for q in bank})
    p.tag_select.value = "2015"
    p.new_round()
    assert p.practice_queue and all(any(t.year == "2015" for t in q.exam_tags) for q in p.practice_queue)
    assert "sl-quiz-tag" in p.practice_tags.value
    q = p.practice_queue[0]
    for tag in q.exam_tags:
        shown = ("考点：" if tag.type != q.type else "") + tag.sitting
        assert shown in html.unescape(p.practice_tags.value)
    p.tag_select.value = "exact"
    p.new_round()
    assert all(any(t.type == q.type for t in q.exam_tags) for q in p.practice_queue)


def test_mock_paper_and_reviews_leave_preview_questions_out(tmp_path):
    bank = load_bank()
    written = ["01_service_era", "02_customers_tiers", "05_servqual"]
    p = ExamPrep("zh", path=tmp_path / "p.db", bank=bank, cards=load_cards(), clock=lambda: NOW, written=written)
    p.start_mock()
    ids = p.mock_exam.question_ids
    assert ids and {bank[i].notebook for i in ids} <= set(written)
    # a preview question answered wrong (in the 预习 scope) is not brought back by the review
    from servicelab.quiz import score_answer

    taught_q = next(q for q in p.bank if q.type == "single")
    preview_q = next(q for q in p.preview_bank if q.type == "single")
    for q in (taught_q, preview_q):
        wrong = next(k for k in q.option_keys if k != q.answer)
        p.store.record_answer(score_answer(q, wrong), mode="practice", answered_at=NOW)
    p.refresh_review()
    shown = {c.question.id for c in p.review_host.children if hasattr(c, "question")} | {x.id for x in p.review_queue}
    assert shown == {taught_q.id}
