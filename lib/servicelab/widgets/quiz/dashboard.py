"""The dashboard tab: mastery by chapter (chart), streak, due reviews, number of answers."""
from __future__ import annotations

import ipywidgets as W

from ...i18n import t
from ..common import guarded
from .card import _box, _button, _html


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
        self._render_stats()
        return W.VBox([refresh, self.dashboard_stats, self.mastery_chart,
                       W.HTML(f"<small>{_html(t('quizui.dashboard.mastery_note', self.lang))}</small>")])

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
