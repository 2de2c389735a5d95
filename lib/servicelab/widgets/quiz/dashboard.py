"""The dashboard tab: mastery by chapter (chart), streak, due reviews, number of answers, the exam-day recall forecast."""
from __future__ import annotations

import ipywidgets as W

from ...i18n import t
from ...quiz import schedule as sched
from ..common import guarded, html_widget, table_html
from .card import _box, _button, _html, _pct


class DashboardTab:
    """Progress dashboard (:meth:`servicelab.storage.progress.ProgressStore.dashboard`).

    Part of :class:`~servicelab.widgets.quiz.panel.ExamPrep`, which supplies ``lang``, ``bank``,
    ``store``, ``rng``, ``clock``, ``titles``, ``_card`` and ``refresh_dashboard``.
    """

    def _dashboard_pane(self) -> W.VBox:
        from ...charts import quiz as charts

        refresh = _button("quizui.dashboard.refresh", "sl-quiz-dashboard-refresh", self.lang, icon="refresh")
        refresh.on_click(lambda _b: self.refresh_dashboard())
        self.dashboard_stats = _box("sl-quiz-dashboard-stats")
        self.dashboard = self.store.dashboard(self.bank, self.clock())
        self.mastery_chart = charts.MASTERY.live((self.dashboard.by_chapter, self.titles), self.lang)
        self.mastery_chart.add_class("sl-quiz-mastery-chart")
        self.forecast_title = _box("sl-quiz-forecast-title")
        self.forecast_table = _box("sl-quiz-forecast")
        self._render_stats()
        return W.VBox([refresh, self.dashboard_stats, self.mastery_chart,
                       html_widget(f"<small>{_html(t('quizui.dashboard.mastery_note', self.lang))}</small>"),
                       self.forecast_title, self.forecast_table,
                       html_widget(f"<small>{_html(t('quizui.dashboard.forecast_note', self.lang))}</small>")])

    @guarded()
    def refresh_dashboard(self) -> None:
        """Recompute mastery, streak and due count from the progress file."""
        from ...charts import quiz as charts

        if self.store is None or not hasattr(self, "mastery_chart"):
            return
        self.store.check_file()  # a progress file deleted while the panel is open is said, not ignored
        self.dashboard = self.store.dashboard(self.bank, self.clock())
        self._render_stats()
        charts.MASTERY.update(self.mastery_chart, (self.dashboard.by_chapter, self.titles), self.lang)

    def _render_stats(self) -> None:
        d = self.dashboard
        self.dashboard_stats.value = "<b>" + _html(t("quizui.dashboard.stats", self.lang, streak=d.streak, due=d.due,
                                                     answers=d.total_answers)) + "</b>"
        self._render_forecast()

    def _render_forecast(self) -> None:
        """Predicted recall per chapter on exam day (a model's forecast, :attr:`Dashboard.forecast`)."""
        d, lang = self.dashboard, self.lang
        if d.exam_date is not None and d.forecast_at == sched.exam_start(d.exam_date):
            title = t("quizui.dashboard.forecast_title", lang, date=d.exam_date.isoformat())
        else:
            title = t("quizui.dashboard.forecast_title_now", lang)
        self.forecast_title.value = f"<b>{_html(title)}</b>"
        rows = [[f"{r.chapter} {self.titles.get(r.chapter, '')}".strip(),
                 _pct(r.recall) if r.n_reviewed else t("quizui.dashboard.forecast_none", lang),
                 f"{r.n_reviewed} / {r.n_questions}"] for r in d.forecast.itertuples()]
        self.forecast_table.value = table_html(
            [t(f"quizui.dashboard.forecast_{k}", lang) for k in ("chapter", "recall", "reviewed")], rows)

    # -- export / import / reset --------------------------------------------------------
