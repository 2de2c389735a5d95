"""Chapter 04 panels: Grönroos's perceived quality (C4.6) and the zone of tolerance (C5.8).

Wiring only: the sliders and checkboxes feed :mod:`servicelab.models.perceived_quality` and
:mod:`servicelab.models.expectations` (which places the perception with chapter 05's
``zone_of_tolerance``); the read-outs and the charts of :mod:`servicelab.charts.perceived_quality`
show what they return. Both panels carry their teaching-illustration note next to them.
"""
from __future__ import annotations

import html

import ipywidgets as W

from ..charts import perceived_quality as charts
from ..i18n import t
from ..models import expectations as ex
from ..models import perceived_quality as pq
from ..models.servqual import SCALE_MAX, SCALE_MIN
from .common import fmt, guarded, html_widget, label_width, page_accessibility, table_html, wrap_row

_CUSTOM = ""  # the preset dropdown's value when the sliders were moved by hand


def _preset_dropdown(panel, names, key_prefix: str, value: str, css: str) -> W.Dropdown:
    """The lecture-preset dropdown of a panel: "(your own settings)" first, then ``names``;
    choosing one calls ``panel.apply_preset``."""
    box = W.Dropdown(options=[(t("perceived.preset.custom", panel.lang), _CUSTOM)]
                     + [(t(f"{key_prefix}{name}", panel.lang), name) for name in names],
                     value=value, description=t("perceived.label.preset", panel.lang),
                     style={"description_width": "initial"})
    box.add_class(css)
    box.observe(lambda ch: panel.apply_preset(ch["new"]) if ch["new"] else None, names="value")
    return box


def _live_html(css: str) -> W.HTML:
    """A read-out announced by screen readers when it changes."""
    box = html_widget()
    box.add_class(css)
    box.add_class("sl-live")
    return box


def _note(key: str, lang: str, css: str) -> W.HTML:
    box = html_widget(f"<div style='border-left:4px solid #f2a33a;background:#fff7e6;padding:4px 8px;margin:4px 0'>"
                      f"<small>{html.escape(t(key, lang))}</small></div>")
    box.add_class(css)
    return box


class _PresetPanel(W.VBox):
    """Shared wiring of the two panels: inputs set together refresh once; moving an input by hand
    shows "(your own settings)" in the preset dropdown; :meth:`apply_preset` sets a lecture state."""

    _hold = False

    def _preset_pairs(self, name: str) -> list:
        raise NotImplementedError

    def _assign(self, pairs) -> None:
        self._hold = True
        try:
            for widget, value in pairs:
                widget.value = value
        finally:
            self._hold = False
        self.refresh()

    def _on_change(self, _change) -> None:
        if not self._hold:
            self.preset.value = _CUSTOM
            self.refresh()

    def apply_preset(self, name: str) -> None:
        """Put the panel into a lecture preset."""
        self._assign(self._preset_pairs(name))
        if self.preset.value != name:
            self.preset.value = name


class GronroosPanel(_PresetPanel):
    """Grönroos's model as a diagram: set the promise, word of mouth, needs, image, technical and
    functional quality; watch expected, experienced and perceived quality (C4.6).

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A lecture state from :data:`servicelab.models.perceived_quality.PRESETS`
        (``"balanced"``, ``"over_promise"``, ``"rude_but_right"``); default ``"balanced"``.

    Attributes
    ----------
    result : GronroosResult
        The latest result (updated on every change).
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        start = pq.preset_inputs(preset)
        labels = [t(f"perceived.input.{k}", lang) for k in pq.INPUTS]
        width = label_width(labels, 120)
        self.sliders: dict[str, W.FloatSlider] = {}
        for key in pq.INPUTS:
            s = W.FloatSlider(value=float(start[key]), min=pq.SCALE[0], max=pq.SCALE[1], step=0.5,
                              description=t(f"perceived.input.{key}", lang), continuous_update=False,
                              readout_format=".1f", style={"description_width": f"{width}px"},
                              layout=W.Layout(width=f"{width + 240}px"))
            s.add_class(f"sl-gronroos-{key.replace('_', '-')}")
            s.observe(self._on_change, names="value")
            self.sliders[key] = s
        self.preset = _preset_dropdown(self, pq.PRESETS, "perceived.preset.", preset or "balanced", "sl-gronroos-preset")
        self.score = _live_html("sl-gronroos-score")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self.result = self._compute()
        self.chart = charts.GRONROOS.live(self.result, lang)
        self.chart.add_class("sl-gronroos-chart")
        self.sweep = charts.PROMISE_SWEEP.live(self._sweep_output(), lang)
        self.sweep.add_class("sl-gronroos-sweep")
        self._render()
        expectation = [html_widget(f"<b>{html.escape(t('perceived.group.expectation', lang))}</b>")] + \
            [self.sliders[k] for k in ("promise", "word_of_mouth", "needs", "image")]
        experience = [html_widget(f"<b>{html.escape(t('perceived.group.experience', lang))}</b>")] + \
            [self.sliders[k] for k in ("technical", "functional")]
        super().__init__([
            _note("perceived.label.illustration", lang, "sl-gronroos-illustration"),
            self.preset, wrap_row([W.VBox(expectation), W.VBox(experience)]), self.error,
            wrap_row([self.score, self.sweep]), self.chart, page_accessibility(),
        ])
        self.add_class("sl-gronroos-panel")

    # -- inputs --------------------------------------------------------------------------
    @property
    def inputs(self) -> dict[str, float]:
        return {k: s.value for k, s in self.sliders.items()}

    def set_inputs(self, **values: float) -> None:
        """Set several sliders at once (one refresh); the preset shows "(your own settings)"."""
        self._assign([(self.sliders[k], float(v)) for k, v in values.items()])
        self.preset.value = _CUSTOM

    def _preset_pairs(self, name: str) -> list:
        return [(self.sliders[k], float(v)) for k, v in pq.preset_inputs(name).items()]

    # -- outputs -------------------------------------------------------------------------
    def _compute(self) -> pq.GronroosResult:
        return pq.perceived_quality(**self.inputs)

    def _sweep_output(self):
        return pq.promise_sweep(self.result.inputs, sorted({*range(0, 11), self.result.inputs["promise"]})), \
            self.result.inputs["promise"]

    @guarded(stale=("score", "chart", "sweep"))
    def refresh(self) -> None:
        self.result = self._compute()
        self._render()
        charts.GRONROOS.update(self.chart, self.result, self.lang)
        charts.PROMISE_SWEEP.update(self.sweep, self._sweep_output(), self.lang)

    def _render(self) -> None:
        lang, r = self.lang, self.result
        rows = [[t(f"perceived.label.{k}", lang), fmt(getattr(r, k), signed=k in ("filter", "perceived"))]
                for k in ("expected", "delivered", "filter", "experienced", "perceived")]
        table = table_html([t("perceived.label.quantity", lang), t("perceived.label.value", lang)], rows,
                           "sl-gronroos-table", align=["left", "right"])
        head = t("perceived.label.score", lang, score=fmt(r.perceived), verdict=t(f"perceived.verdict.{r.verdict}", lang))
        promise, delivered = r.inputs["promise"], r.delivered
        if promise > delivered:
            honest = pq.perceived_quality(**{**r.inputs, "promise": delivered}).perceived
            weight = f"{pq.EXPECTATION_WEIGHTS['promise']:g}"
            trap = (f"<p class='sl-gronroos-trap' style='color:#a3120f'><b>"
                    f"{html.escape(t('perceived.label.trap', lang, promise=f'{promise:g}', delivered=f'{delivered:g}', weight=weight))}"
                    f"</b><br>{html.escape(t('perceived.label.honest', lang, delivered=f'{delivered:g}', score=fmt(honest)))}</p>")
        else:
            trap = f"<p class='sl-gronroos-trap'>{html.escape(t('perceived.label.no_trap', lang))}</p>"
        self.score.value = f"<p class='sl-gronroos-perceived'><b>{html.escape(head)}</b></p>{table}{trap}"


class ZonePanel(_PresetPanel):
    """Switch the determinants of expectations on and off; watch desired and adequate service and
    the zone of tolerance move, and place a perception inside, below or above it (C5.8).

    Parameters
    ----------
    lang : {"zh", "en"}
    preset : str, optional
        A lecture state from :data:`servicelab.models.expectations.PRESETS`
        (``"baseline"``, ``"emergency"``, ``"big_promises"``, ``"storm"``); default ``"baseline"``.

    Attributes
    ----------
    levels : ExpectationLevels
    placed : dict
        The perception against the zone (``position``, ``msa``, ``mss`` …).
    """

    def __init__(self, lang: str = "zh", *, preset: str | None = None) -> None:
        self.lang = lang
        state = ex.preset_state(preset)
        self.boxes: dict[str, W.Checkbox] = {}
        for d in ex.load_determinants():
            box = W.Checkbox(value=d.id in state["active"], description=d.label[lang], indent=False,
                             tooltip=d.examples[lang], layout=W.Layout(width="auto"))
            box.add_class(f"sl-zone-{d.id.replace('_', '-')}")
            box.observe(self._on_change, names="value")
            self.boxes[d.id] = box
        self.perception = W.FloatSlider(value=float(state["perception"]), min=SCALE_MIN, max=SCALE_MAX, step=0.1,
                                        description=t("perceived.zone.perception", lang), continuous_update=False,
                                        readout_format=".1f", style={"description_width": "initial"},
                                        layout=W.Layout(width="420px"))
        self.perception.add_class("sl-zone-perception")
        self.perception.observe(self._on_change, names="value")
        self.preset = _preset_dropdown(self, ex.PRESETS, "perceived.zone.preset.", preset or "baseline", "sl-zone-preset")
        self.readout = _live_html("sl-zone-readout")
        self.error = html_widget()
        self.error.add_class("sl-error")
        self._compute()
        self.chart = charts.ZONE.live(self._chart_output(), lang)
        self.chart.add_class("sl-zone-chart")
        self._render()
        grid = W.GridBox(list(self.boxes.values()),
                         layout=W.Layout(grid_template_columns="repeat(auto-fill, minmax(240px, 1fr))"))
        super().__init__([
            _note("perceived.zone.illustration", lang, "sl-zone-illustration"), self.preset,
            html_widget(f"<b>{html.escape(t('perceived.zone.factors', lang))}</b>"), grid, self.perception,
            self.error, self.readout, self.chart, page_accessibility(),
        ])
        self.add_class("sl-zone-panel")

    @property
    def active(self) -> list[str]:
        return [k for k, b in self.boxes.items() if b.value]

    def set_active(self, active, perception: float | None = None) -> None:
        """Tick exactly ``active`` (and set the perception), one refresh."""
        self._assign(self._pairs(active, perception))
        self.preset.value = _CUSTOM

    def _pairs(self, active, perception) -> list:
        chosen = set(active)
        pairs = [(b, k in chosen) for k, b in self.boxes.items()]
        return pairs + ([(self.perception, float(perception))] if perception is not None else [])

    def _preset_pairs(self, name: str) -> list:
        state = ex.preset_state(name)
        return self._pairs(state["active"], state["perception"])

    def _compute(self) -> None:
        self.base = ex.expectation_levels()
        self.levels = ex.expectation_levels(self.active)
        self.placed = ex.place_perception(self.perception.value, self.levels)

    def _chart_output(self) -> dict:
        return {"base": self.base, "now": self.levels, "placed": self.placed}

    @guarded(stale=("readout", "chart"))
    def refresh(self) -> None:
        self._compute()
        self._render()
        charts.ZONE.update(self.chart, self._chart_output(), self.lang)

    def _render(self) -> None:
        lang, lv, p = self.lang, self.levels, self.placed
        text = t("perceived.zone.readout", lang, desired=fmt(lv.desired, signed=False), adequate=fmt(lv.adequate, signed=False),
                 width=fmt(lv.width, signed=False), perception=fmt(p["perceived"], 1, signed=False),
                 position=t(f"perceived.zone.position.{p['position']}", lang))
        self.readout.value = f"<p class='sl-zone-position sl-zone-{p['position']}'><b>{html.escape(text)}</b></p>"
