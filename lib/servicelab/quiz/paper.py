"""The mock paper: the blueprint, drawing a timed paper, and marking it by chapter and type.

Imports :mod:`servicelab.quiz.bank` and :mod:`servicelab.quiz.scoring` only. Pure functions of the
bank, the learner's :class:`~servicelab.quiz.scoring.Result` s, a :class:`random.Random` and the time.
"""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from .bank import Bank, Question
from .scoring import Result

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["DEFAULT_BLUEPRINT", "DEFAULT_MINUTES", "ExamSection", "MockExam", "MockReport", "mock_exam", "mock_report"]


@dataclass(frozen=True)
class ExamSection:
    """One section of a mock paper: a question type, marks per question, the questions."""

    qtype: str
    marks_each: float
    question_ids: tuple[str, ...]

    @property
    def marks(self) -> float:
        return self.marks_each * len(self.question_ids)


@dataclass(frozen=True)
class MockExam:
    """A mock paper: sections in exam order, start time and deadline."""

    sections: tuple[ExamSection, ...]
    started_at: datetime
    deadline: datetime

    @property
    def total_marks(self) -> float:
        return sum(s.marks for s in self.sections)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(i for s in self.sections for i in s.question_ids)

    def marks_for(self, qid: str) -> float:
        for s in self.sections:
            if qid in s.question_ids:
                return s.marks_each
        raise KeyError(qid)


#: The default mock paper on the confirmed 10421 structure (``data/quiz/README.md``, "The 10421
#: paper (what was confirmed)"): (type, number of questions, marks each) — 100 marks in all.
#:
#: Papers read (third-party uploads in the stored public pages): 2023年1月 客户服务管理试题
#: (课程代码10421; "满分100分；考试时间150分钟", 单项选择题 20 × 1 with four options), 2017年1月
#: 广东省 客户服务管理试题 (单项选择题 20 × 1, A–D), 2020年10月 广东省 10421 paper (1-mark four-option
#: single choice), and the outline lecture "客户服务管理10421考纲串讲" (the six item types
#: 单选、多选、名词解释、简答、论述、案例分析; no 判断题). **Confirmed**: 100 marks, 150 minutes,
#: 单选 20 × 1, the six types. **Our reading** (no page we could read shows these sections):
#: 多选 5 × 2 (five options, the 自考 convention), 名词解释 5 × 3, 简答 5 × 6, 论述 1 × 10,
#: 案例分析 1 × 15 — 20 + 10 + 15 + 30 + 10 + 15 = 100. No true-false and no calculation section:
#: the paper has neither (判断 stays a practice type, :data:`~servicelab.quiz.bank.PRACTICE_ONLY_TYPES`).
DEFAULT_BLUEPRINT: tuple[tuple[str, int, float], ...] = (
    ("single", 20, 1.0),
    ("multiple", 5, 2.0),
    ("term", 5, 3.0),
    ("short", 5, 6.0),
    ("essay", 1, 10.0),
    ("case", 1, 15.0),
)
#: Time allowed for the 10421 paper (confirmed: 考试时间150分钟).
DEFAULT_MINUTES = 150


def _spread(pool: Sequence[Question], count: int, rng: random.Random) -> list[str]:
    """Up to ``count`` ids from ``pool``, round-robin over its chapters in random order."""
    by_ch: dict[str, list[Question]] = {}
    for q in pool:
        by_ch.setdefault(q.chapter, []).append(q)
    for lst in by_ch.values():
        rng.shuffle(lst)
    chapters = sorted(by_ch)
    rng.shuffle(chapters)
    picked: list[str] = []
    while len(picked) < count and any(by_ch.values()):
        for ch in chapters:
            if by_ch[ch] and len(picked) < count:
                picked.append(by_ch[ch].pop().id)
    return picked


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)


def mock_exam(
    bank: Bank,
    rng: random.Random,
    now: datetime,
    *,
    blueprint: Sequence[tuple[str, int, float]] = DEFAULT_BLUEPRINT,
    minutes: float = DEFAULT_MINUTES,
) -> MockExam:
    """Draw a timed mock paper.

    Each section draws its questions from the bank's questions of that type, spread over the
    chapters (round-robin over chapters in random order, random question within a chapter), so a
    paper covers as many chapters as it can. A section with too few questions in the bank gets
    what there is (an empty section is dropped). A ``case`` section draws the cases whose own
    total marks equal the section's marks each (a 15-mark section, the 15-mark cases) and falls
    back to the other cases only when there are too few, so the parts' marks shown on the paper
    add up to the marks the section gives.

    Parameters
    ----------
    bank : Bank
    rng : random.Random
    now : datetime
        Start time (naive means UTC).
    blueprint : sequence of (type, count, marks each)
    minutes : float, default :data:`DEFAULT_MINUTES` (150)
        Time allowed; ``deadline = now + minutes``.

    Returns
    -------
    MockExam

    Notes
    -----
    The default blueprint (:data:`DEFAULT_BLUEPRINT`) is the confirmed 10421 structure — 100
    marks, 150 minutes, 单选 20 × 1 — with this project's reading of the other sections:
    多选 5 × 2, 名词解释 5 × 3, 简答 5 × 6, 论述 1 × 10, 案例分析 1 × 15 (no 判断, no 计算).
    The section sizes after 单选 are a reading of the papers, not an official marking scheme. Sections keep the blueprint's order; the paper's total is
    :math:`\\sum_s n_s \\cdot m_s` over the sections actually drawn.

    Examples
    --------
    >>> from servicelab.quiz.bank import Text
    >>> q = Question(id="Q-a", type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
    ...              answer=True)
    >>> exam = mock_exam(Bank([q]), random.Random(1), datetime(2025, 6, 1, 9, 0), minutes=90,
    ...                  blueprint=[("true_false", 1, 1.0)])
    >>> exam.question_ids, exam.total_marks, exam.deadline.hour, exam.deadline.minute
    (('Q-a',), 1.0, 10, 30)
    >>> sum(n * m for _, n, m in DEFAULT_BLUEPRINT), DEFAULT_MINUTES
    (100.0, 150)
    """
    start = _aware(now)
    sections = []
    for qtype, count, marks in blueprint:
        pool = bank.by_type(qtype)
        picked: list[str] = []
        if qtype == "case":  # cases worth the section's marks first
            fitting = [q for q in pool if q.total_marks == marks]
            picked = _spread(fitting, count, rng)
            pool = [q for q in pool if q.total_marks != marks]
        picked += _spread(pool, count - len(picked), rng)
        if picked:
            sections.append(ExamSection(qtype, float(marks), tuple(picked)))
    return MockExam(tuple(sections), start, start + timedelta(minutes=minutes))


@dataclass(frozen=True)
class MockReport:
    """Marks of a mock paper: total, per question, by chapter and by type (tidy DataFrames)."""

    total: float
    possible: float
    overtime: bool
    by_question: pd.DataFrame
    by_chapter: pd.DataFrame
    by_type: pd.DataFrame

    @property
    def percent(self) -> float:
        return 100.0 * self.total / self.possible if self.possible else 0.0


def mock_report(
    exam: MockExam, results: Mapping[str, Result], bank: Bank, *, submitted_at: datetime | None = None
) -> MockReport:
    """Mark a mock paper.

    Parameters
    ----------
    exam : MockExam
    results : mapping question id → Result
        Unanswered questions score 0. Results for ids not on the paper are ignored.
    bank : Bank
        Supplies each question's chapter.
    submitted_at : datetime, optional
        When given and later than the deadline, ``overtime`` is True (marks are not deducted:
        the learner sees that the time ran out).

    Returns
    -------
    MockReport
        ``marks = marks_each × score / max_score`` per question; ``by_chapter`` (chapter order)
        and ``by_type`` (paper order) have columns key, n_questions, n_correct, marks, possible,
        percent.

    Notes
    -----
    Question :math:`i` of a section with :math:`m` marks each earns
    :math:`m \\cdot s_i / s_i^{\\max}` (:math:`s_i` the :class:`Result` score, 0 if unanswered):
    a multiple choice is all-or-nothing as in the real exam, a self-assessed answer earns its
    ticked share of the marks. Totals and the by-chapter / by-type tables are sums of these;
    ``percent = 100 × marks / possible``. Late hand-in is flagged, never penalised.

    Examples
    --------
    >>> from servicelab.quiz.bank import Text
    >>> from servicelab.quiz.scoring import score_answer
    >>> q = Question(id="Q-a", type="true_false", concepts=("C1.1",), chapter="01", difficulty=1,
    ...              prompt=Text("题", "Q"), explanation=Text("解", "E"), notebook="01_service_era",
    ...              answer=True)
    >>> bank = Bank([q])
    >>> exam = mock_exam(bank, random.Random(1), datetime(2025, 6, 1, 9, 0), blueprint=[("true_false", 1, 1.0)])
    >>> rep = mock_report(exam, {"Q-a": score_answer(q, "对")}, bank)
    >>> rep.total, rep.possible, rep.by_type["percent"].tolist()
    (1.0, 1.0, [100.0])
    """
    import pandas as pd

    rows = []
    for sec in exam.sections:
        for qid in sec.question_ids:
            q = bank.get(qid)
            r = results.get(qid)
            frac = (r.score / r.max_score) if (r is not None and r.max_score) else 0.0
            rows.append(
                {
                    "question_id": qid, "type": sec.qtype, "chapter": q.chapter,
                    "answered": r is not None, "correct": bool(r.correct) if r is not None else False,
                    "marks": sec.marks_each * frac, "possible": sec.marks_each,
                }
            )
    by_q = pd.DataFrame(rows, columns=["question_id", "type", "chapter", "answered", "correct", "marks", "possible"])

    def _group(col: str) -> pd.DataFrame:
        g = by_q.groupby(col, sort=True).agg(
            n_questions=("question_id", "size"), n_correct=("correct", "sum"),
            marks=("marks", "sum"), possible=("possible", "sum"),
        ).reset_index().rename(columns={col: "key"})
        g["percent"] = 100.0 * g["marks"] / g["possible"]
        g["n_correct"] = g["n_correct"].astype(int)
        return g

    overtime = submitted_at is not None and _aware(submitted_at) > exam.deadline
    return MockReport(
        total=float(by_q["marks"].sum()), possible=float(by_q["possible"].sum()), overtime=overtime,
        by_question=by_q, by_chapter=_group("chapter"), by_type=_in_paper_order(_group("type"), exam),
    )


def _in_paper_order(frame: pd.DataFrame, exam: MockExam) -> pd.DataFrame:
    order = {s.qtype: i for i, s in enumerate(exam.sections)}
    return frame.sort_values("key", key=lambda k: k.map(order), kind="mergesort").reset_index(drop=True)

