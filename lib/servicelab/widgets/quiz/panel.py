"""Notebook 12's exam-prep panel: opens the progress file and assembles the tabs.

Each tab lives in its own module (practice, paper, review, cards, dashboard, files) as a mixin of
:class:`ExamPrep`; the panel holds what they share (language, bank, progress store, random
generator, clock) and the damaged / unwritable progress-file handling.
"""
from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as W

from ... import quiz as qz
from ...errors import ServiceLabError
from ...i18n import t
from ...storage.progress import IN_MEMORY, ProgressFileError, ProgressStore, default_db_path, open_progress
from ..common import error_html, guarded, layout_style, page_accessibility
from .card import (
    UNAVAILABLE,
    Clock,
    QuestionCard,
    _box,
    _button,
    _html,
    _seed,
    _show,
    _store_note,
    _unavailable,
    _utcnow,
    chapter_titles,
)
from .cards import CardsTab
from .dashboard import DashboardTab
from .files import FilesTab
from .paper import PaperTab
from .practice import PracticeTab
from .review import ReviewTab
from .wrongbook import WrongBookTab


class ExamPrep(PracticeTab, PaperTab, ReviewTab, WrongBookTab, CardsTab, DashboardTab, FilesTab, W.VBox):
    """Notebook 12's exam-prep panel: every mode in one set of tabs.

    Tabs: practice (by chapter / concept / type), mock exam (timed paper, hand-in, report by
    chapter and type), wrong-answer review, spaced repetition (FSRS, with the exam date), the 错题本
    (every wrong answer in a table, filtered, exported as printable HTML), memory cards (mnemonics
    and one card per 名词解释 term), progress dashboard, export / import / reset.

    Parameters
    ----------
    lang : {"zh", "en"}
    chapter : str, optional
        Chapter preselected for practice (``"05"``); all chapters by default.
    seed : int, optional
        Seeds the random choices (practice rounds, mock papers, new questions, card order): the
        same seed gives the same draws (tests, presets). None (the default) draws a fresh seed
        from the OS (:func:`os.urandom`), so practice starts with a different draw each time the
        notebook runs; the seed used is kept in :attr:`seed`.
    path : path, optional
        The progress file; ``$SERVICELAB_PROGRESS_DB`` or the per-user data folder by default.
    bank : Bank, optional
    cards : sequence of Card, optional
        The memory cards; by default the mnemonics of ``data/quiz/cards.json`` followed by one
        card per 名词解释 term of the bank (:func:`servicelab.quiz.bank.term_cards`).
    written : sequence of str, optional
        Notebooks that are written (:func:`servicelab.quiz.bank.written_notebooks` for the shipped
        bank; every notebook of ``bank`` when a bank is given). Questions of other notebooks are
        left out of practice, the mock paper and the reviews, and offered only under the practice
        tab's 预习 (preview) scope.
    clock : callable, optional
        Returns "now" (UTC now by default; tests pass a fixed time).
    blueprint : sequence of (type, count, marks each), optional
        The mock paper's sections (:data:`servicelab.quiz.paper.DEFAULT_BLUEPRINT`, the 10421
        paper, by default).

    Notes
    -----
    If the progress file is damaged (not SQLite, another program's, fails ``quick_check``) the
    panel shows the bilingual message and a "start fresh" button, which asks a second time before
    it renames the file aside (nothing is ever deleted). A sound file that cannot be written (full
    disk, read-only file or medium) is *not* called damaged: the panel says why, shows the earlier
    progress from a read-only copy and keeps new answers for the session only (no "saved" note).
    If no file can be opened at all (read-only home, permission denied, a file from a newer
    version) it says that progress cannot be saved and works on an in-memory store for the
    session (:data:`servicelab.storage.progress.IN_MEMORY`). A file deleted while the panel is
    open is noticed at the next answer or dashboard refresh. The export tab writes JSON exports
    (and the bank as jupyterquiz JSON, :mod:`servicelab.io.jupyterquiz`) only into the learner's
    data folder or another folder picked from its list, under a plain file name
    (:func:`servicelab.storage.progress.resolve_export_path`).
    """
    def __init__(self, lang: str = "zh", *, chapter: str | None = None, seed: int | None = None,
                 path: str | Path | None = None, bank: qz.Bank | None = None,
                 cards: Sequence[qz.Card] | None = None, clock: Clock | None = None,
                 written: Sequence[str] | None = None,
                 blueprint: Sequence[tuple[str, int, float]] | None = None) -> None:
        self.lang = lang
        self.blueprint = tuple(blueprint) if blueprint is not None else qz.DEFAULT_BLUEPRINT
        self.chapter = None if chapter is None else str(chapter)[:2].zfill(2)
        self.seed = _seed(seed)
        self.rng = random.Random(self.seed)
        self._path_error: BaseException | None = None
        try:
            self.path: Path | None = Path(path) if path is not None else default_db_path()
        except UNAVAILABLE as exc:  # no home folder to find: progress is kept in memory (see _open)
            self.path, self._path_error = None, exc
        #: Every question; ``bank`` holds those of written notebooks (practice, mock, reviews) and
        #: ``preview_bank`` the others, offered only under practice's 预习 (preview) scope.
        self.all_bank = bank if bank is not None else qz.load_bank()
        if written is None:
            written = qz.written_notebooks() if bank is None else {q.notebook for q in self.all_bank}
        self.written = frozenset(written)
        self.bank = self.all_bank.taught(self.written)
        self.preview_bank = self.all_bank.preview(self.written)
        # memory cards: the mnemonics, then one card per 名词解释 term of the whole bank (definitions
        # are exam material in every chapter)
        self.cards = tuple(cards) if cards is not None else qz.load_cards() + qz.term_cards(self.all_bank)
        self.clock = clock or _utcnow
        self.titles = chapter_titles(lang)
        self.store: ProgressStore | None = None
        self.tabs: W.Tab | None = None
        self.error = _box("sl-error")
        self.file_problem = _box("sl-quiz-file-problem")
        self.fresh_button = _button("quizui.file.start_fresh", "sl-quiz-start-fresh", lang, button_style="warning",
                                    icon="life-ring")
        self.fresh_button.on_click(lambda _b: self.ask_start_fresh())
        _show(self.fresh_button, False)
        self.fresh_confirm_text = _box("sl-quiz-start-fresh-warning")
        self.fresh_confirm = _button("quizui.file.start_fresh_confirm", "sl-quiz-start-fresh-confirm", lang,
                                     button_style="danger")
        self.fresh_confirm.on_click(lambda _b: self.start_fresh())
        self.fresh_cancel = _button("quizui.file.start_fresh_cancel", "sl-quiz-start-fresh-cancel", lang)
        self.fresh_cancel.on_click(lambda _b: self._ask_fresh(False))
        self.fresh_confirm_box = W.VBox([self.fresh_confirm_text, W.HBox([self.fresh_confirm, self.fresh_cancel])])
        _show(self.fresh_confirm_box, False)
        self._fresh_asked = False
        self.body = W.VBox()
        super().__init__([self.error, self.file_problem, self.fresh_button, self.fresh_confirm_box, self.body, page_accessibility()])
        self.add_class("sl-exam-prep")
        self._open(start_fresh=False)

    # -- the progress file --------------------------------------------------------------
    def _open(self, start_fresh: bool) -> None:
        unavailable: ServiceLabError | None = None
        try:
            if self.path is None:
                raise self._path_error or FileNotFoundError("-")
            self.store = open_progress(self.path, start_fresh=start_fresh, read_only_ok=True)
        except ProgressFileError as err:
            if err.damaged:  # only a damaged file may be moved aside (after a second confirmation)
                self.file_problem.value = error_html(err, self.lang) + _html(t("quizui.file.start_fresh_hint", self.lang))
                _show(self.fresh_button, True)
                return
            unavailable = err  # from a newer servicelab: never moved aside; this session in memory
            self.store = open_progress(IN_MEMORY)
        except UNAVAILABLE as exc:  # read-only home, permission denied …: keep the answers for this session only
            unavailable = _unavailable(exc, self.path)
            self.store = open_progress(IN_MEMORY)
        self.file_problem.value = ""
        _show(self.fresh_button, False)
        self._ask_fresh(False)
        if unavailable is not None:
            self.file_problem.value = error_html(
                ServiceLabError("quizui.error.no_store", detail=unavailable.message(self.lang)), self.lang)
        elif self.store.read_only_reason is not None:
            self.file_problem.value = _store_note(self.store, self.lang)
        elif self.store.moved_aside is not None:
            self.file_problem.value = _html(t("quizui.file.moved_aside", self.lang, path=str(self.store.moved_aside)))
        try:
            self._build()
        except ProgressFileError as err:  # damage quick_check missed, met while reading: the same damaged path
            self.store.close()
            self.store, self.tabs = None, None
            self.body.children = []
            self.file_problem.value = error_html(err, self.lang) + _html(t("quizui.file.start_fresh_hint", self.lang))
            self._ask_fresh(False)

    def _ask_fresh(self, asked: bool) -> None:
        self._fresh_asked = asked
        _show(self.fresh_confirm_box, asked)
        _show(self.fresh_button, not asked and self.tabs is None and self.store is None)

    def ask_start_fresh(self) -> None:
        """First step of "start fresh": say what will happen and ask for a second confirmation."""
        self.fresh_confirm_text.value = "<b>" + _html(t("quizui.file.start_fresh_ask", self.lang,
                                                        path=str(self.path))) + "</b>"
        self._ask_fresh(True)

    @guarded()
    def start_fresh(self) -> None:
        """Second step: move the damaged progress file aside (never deleted) and start an empty one.

        Does nothing unless :meth:`ask_start_fresh` asked first (the learner saw what will happen)."""
        if not self._fresh_asked or self.store is not None:
            return
        self._open(start_fresh=True)

    def _build(self) -> None:
        lang = self.lang
        panes = [
            ("quiz.mode.practice", self._practice_pane()),
            ("quiz.mode.mock", self._mock_pane()),
            ("quiz.mode.review", self._review_pane()),
            ("quizui.tab.spaced", self._spaced_pane()),
            ("quizui.wrongbook.tab", self._wrongbook_pane()),
            ("quiz.mode.cards", self._cards_pane()),
            ("quizui.tab.dashboard", self._dashboard_pane()),
            ("quizui.tab.file", self._file_pane()),
        ]
        self.tabs = W.Tab(children=[p for _, p in panes])
        for i, (key, _) in enumerate(panes):
            self.tabs.set_title(i, t(key, lang))
        self.tabs.add_class("sl-quiz-tabs")
        self.tabs.add_class("sl-tabs")  # titles as wide as their text (common.LAYOUT_CSS)
        wrongbook_tab = [k for k, _ in panes].index("quizui.wrongbook.tab")
        self.tabs.observe(lambda c: self.refresh_wrongbook() if c["new"] == wrongbook_tab else None,
                          names="selected_index")  # answers given in other tabs show when the book is opened
        self.body.children = [self.tabs, layout_style()]

    def _card(self, question: qz.Question, mode: str, **kwargs) -> QuestionCard:
        card = QuestionCard(question, self.lang, self.store, mode, clock=self.clock, **kwargs)
        card.on_answer(lambda _r: self.refresh_dashboard())
        return card
