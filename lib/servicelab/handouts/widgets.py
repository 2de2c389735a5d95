"""Stored widget state → static HTML, for handouts that need no JavaScript and no internet.

An executed notebook (nbclient with ``store_widget_state=True``) keeps every widget's last state in
``metadata.widgets["application/vnd.jupyter.widget-state+json"]`` and a
``application/vnd.jupyter.widget-view+json`` output (a model id) where a widget was shown.
nbconvert's own HTML export draws those with the jupyter-widgets HTML manager and require.js from
a CDN; :func:`render_widget` draws them here instead, as they were at the end of the run:

* a ``LiveChart`` (its ``spec`` + ``datasets``) → an inline ``<svg>`` drawn by ``vl_convert``, named
  by its text alternative, with its data table under a ``<details>``;
* ``HTML`` / ``HTMLMath`` → their value (HTML, as ipywidgets shows it); ``Label`` → its value,
  escaped; ``Output`` → its stored outputs;
* boxes (``Box``, ``HBox``, ``VBox``, ``GridBox``) → their children; ``Tab`` / ``Accordion`` /
  ``Stack`` → the titles and the selected child;
* value controls (sliders, dropdowns, toggles, check boxes, text fields, date pickers) →
  "label: value" text; radio buttons and select lists, which show every option on the page (a
  quiz question's choices), → the list of options with the chosen one marked;
* buttons and upload controls → a disabled button (hidden in print);
* a widget whose layout hides it (``display: none`` / ``visibility: hidden``) → nothing, as on the
  page; the invisible page-accessibility helper → nothing;
* the mock paper's live countdown → nothing, running or not (:data:`INVISIBLE_ANYWIDGETS`): on paper
  no clock runs, and the time left at build time would be wrong the moment it is printed. The
  time allowed (150 minutes, as in the exam) is in chapter 12's own text, in both languages;
* anything else → a visible placeholder naming the widget, never a silent empty.
"""
from __future__ import annotations

import html
import json
import re
from typing import Callable

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_REF = "IPY_MODEL_"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

#: anywidget classes (``_anywidget_id``) that draw nothing in a handout: the page-accessibility
#: helper (invisible on the page too) and the countdown, whatever its state (a printed "time left"
#: would be wrong; chapter 12's text gives the time allowed).
INVISIBLE_ANYWIDGETS = frozenset({"servicelab.widgets.common.PageAccessibility", "servicelab.widgets.countdown.Countdown"})
#: anywidget classes shown as a disabled control (their ``description`` is the label).
CONTROL_ANYWIDGETS = frozenset({"servicelab.widgets.upload.UploadControl"})

_BOXES = {"BoxModel", "HBoxModel", "VBoxModel", "GridBoxModel"}
_SELECTORS = {"TabModel", "AccordionModel", "StackModel"}
_SELECTION = {"DropdownModel", "ToggleButtonsModel", "SelectionSliderModel", "ComboboxModel"}
#: shown on the page as every option with the chosen one marked (a quiz question's choices)
_OPTION_LISTS = {"RadioButtonsModel", "SelectModel"}
_MULTI_SELECTION = {"SelectMultipleModel", "SelectionRangeSliderModel"}
_VALUE = {"IntSliderModel", "FloatSliderModel", "FloatLogSliderModel", "IntRangeSliderModel",
          "FloatRangeSliderModel", "IntTextModel", "FloatTextModel", "BoundedIntTextModel",
          "BoundedFloatTextModel", "TextModel", "TextareaModel", "PasswordModel", "IntProgressModel",
          "FloatProgressModel", "ColorPickerModel", "DatePickerModel", "TimePickerModel",
          "DatetimeModel", "NaiveDatetimeModel", "TagsInputModel", "ColorsInputModel",
          "FloatsInputModel", "IntsInputModel"}
_BOOLEAN = {"CheckboxModel", "ToggleButtonModel", "ValidModel"}
_BUTTONS = {"ButtonModel", "FileUploadModel"}
_NOT_SHOWN = {"PlayModel", "ControllerModel", "ControllerAxisModel", "ControllerButtonModel"}


def _esc(text) -> str:
    return html.escape("" if text is None else str(text))


def _vl_version(spec: dict) -> str | None:
    """``"6.4"`` from a spec's ``$schema`` (…/vega-lite/v6.4.1.json), or None."""
    m = re.search(r"/v(\d+)\.(\d+)", str(spec.get("$schema", "")))
    return f"{m.group(1)}.{m.group(2)}" if m else None


def chart_svg(spec: dict, datasets: dict) -> str:
    """Draw a Vega-Lite ``spec`` with its named ``datasets`` as SVG (vl_convert, no browser, offline).

    Parameters
    ----------
    spec : dict
        A Vega-Lite spec whose data are named sources (``{"data": {"name": …}}``).
    datasets : dict
        ``{name: [row, …]}``, merged as the spec's top-level ``datasets``.

    Returns
    -------
    str
        An ``<svg>`` element (text as ``<text>``, drawn by the reader's fonts).

    Notes
    -----
    The Vega-Lite version is read from the spec's ``$schema``; ``vl_convert`` ships the versions
    altair may produce, so nothing is fetched.

    Examples
    --------
    >>> svg = chart_svg({"mark": "bar", "data": {"name": "d"},
    ...                  "encoding": {"x": {"field": "k", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}}},
    ...                 {"d": [{"k": "甲", "v": 1}]})
    >>> svg.lstrip().startswith("<svg") and "甲" in svg
    True
    """
    import vl_convert as vlc

    full = dict(spec)
    full["datasets"] = {**(spec.get("datasets") or {}), **(datasets or {})}
    version = _vl_version(spec)
    try:
        svg = vlc.vegalite_to_svg(full, vl_version=version) if version else vlc.vegalite_to_svg(full)
    except ValueError:  # a version this vl_convert does not ship: its default one
        svg = vlc.vegalite_to_svg(full)
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg.strip())


class StaticWidgets:
    """Renders the widgets of one stored widget state (see module docs).

    Parameters
    ----------
    state : dict
        ``{model_id: {"model_name": …, "model_module": …, "state": {…}}}`` — the ``state`` of a
        notebook's ``application/vnd.jupyter.widget-state+json`` metadata.
    lang : {"zh", "en"}
        Language of the placeholders and labels the handout adds.
    draw_chart : callable, optional
        ``draw_chart(spec, datasets) -> svg``; default :func:`chart_svg`.
    """

    def __init__(self, state: dict, lang: str, draw_chart: Callable[[dict, dict], str] | None = None) -> None:
        self.state, self.lang = state or {}, lang
        self.draw_chart = draw_chart or chart_svg
        self._stack: list[str] = []

    # -- helpers ---------------------------------------------------------------------------
    def _t(self, key: str, **params) -> str:
        from ..i18n import t

        return t(key, self.lang, **params)

    def _model(self, ref) -> dict | None:
        if not isinstance(ref, str):
            return None
        return self.state.get(ref[len(_REF):] if ref.startswith(_REF) else ref)

    def _hidden(self, s: dict) -> bool:
        layout = self._model(s.get("layout"))
        ls = (layout or {}).get("state", {})
        return ls.get("display") == "none" or ls.get("visibility") == "hidden"

    def placeholder(self, name: str) -> str:
        """The visible stand-in for a widget a handout cannot draw."""
        return (f"<div class='sl-w-placeholder'>{_esc(self._t('handouts.widget.placeholder', name=name))}</div>")

    def _label(self, s: dict) -> str:
        text = s.get("description") or ""
        if not text:
            return ""
        if s.get("description_allow_html"):
            return f"<span class='sl-w-label'>{text}</span>"
        return f"<span class='sl-w-label'>{_esc(text)}</span>"

    def _labelled(self, s: dict, value_html: str, kind: str) -> str:
        label = self._label(s)
        sep = "<span class='sl-w-sep'>: </span>" if label else ""
        return f"<div class='sl-w-control sl-w-{kind}'>{label}{sep}<span class='sl-w-value'>{value_html}</span></div>"

    @staticmethod
    def _number(value, fmt: str | None) -> str:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "" if value is None else str(value)
        if fmt:
            spec = fmt.replace("~", "")
            try:
                return format(value, spec)
            except (ValueError, TypeError):
                pass
        if isinstance(value, float):
            return f"{value:.6g}"
        return str(value)

    def _value_text(self, name: str, s: dict) -> str:
        value = s.get("value")
        fmt = s.get("readout_format")
        if name == "FloatLogSliderModel" and isinstance(value, (int, float)):
            return self._number(value, fmt or ".3g")
        if isinstance(value, list) and name.endswith("RangeSliderModel"):
            return " – ".join(self._number(v, fmt) for v in value)
        if isinstance(value, list):
            return ", ".join(self._number(v, None) for v in value)
        if name == "DatePickerModel" and isinstance(value, dict):
            try:
                return f"{int(value['year']):04d}-{int(value['month']) + 1:02d}-{int(value['date']):02d}"
            except (KeyError, TypeError, ValueError):
                return ""
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False)
        return self._number(value, fmt)

    # -- the renderer ----------------------------------------------------------------------
    def render(self, model_id: str) -> str:
        """Static HTML of the widget ``model_id`` (its view, as at the end of the run)."""
        model = self._model(model_id)
        if model is None:
            return self.placeholder(self._t("handouts.widget.missing"))
        key = model_id[len(_REF):] if model_id.startswith(_REF) else model_id
        if key in self._stack:  # a cycle in a hand-edited state: never recurse forever
            return self.placeholder(model.get("model_name", "?"))
        self._stack.append(key)
        try:
            return self._render(model)
        finally:
            self._stack.pop()

    def _render(self, model: dict) -> str:
        name = model.get("model_name", "")
        s = model.get("state", {}) or {}
        if self._hidden(s):
            return ""
        if isinstance(s.get("spec"), dict) and isinstance(s.get("datasets"), dict):
            return self._chart(s)  # a LiveChart, however its JavaScript is loaded (any model class)
        if name in _BOXES:
            kind = {"HBoxModel": "hbox", "VBoxModel": "vbox", "GridBoxModel": "grid"}.get(name, "box")
            inner = "".join(self.render(c) for c in s.get("children") or [])
            return f"<div class='sl-w-box sl-w-{kind}'>{inner}</div>"
        if name in _SELECTORS:
            return self._selector(name, s)
        if name in ("HTMLModel", "HTMLMathModel"):
            label = self._label(s)
            return f"<div class='sl-w-html'>{label}{s.get('value') or ''}</div>"
        if name == "LabelModel":
            return f"<div class='sl-w-text'>{_esc(s.get('value'))}</div>"
        if name == "OutputModel":
            return f"<div class='sl-w-output'>{render_outputs(s.get('outputs') or [], self)}</div>"
        if name in _SELECTION:
            labels, index = s.get("_options_labels") or [], s.get("index")
            text = labels[index] if isinstance(index, int) and 0 <= index < len(labels) else "–"
            return self._labelled(s, _esc(text), "choice")
        if name in _OPTION_LISTS:
            return self._options(s)
        if name in _MULTI_SELECTION:
            labels, index = s.get("_options_labels") or [], s.get("index") or []
            picked = [labels[i] for i in index if isinstance(i, int) and 0 <= i < len(labels)]
            sep = " – " if name == "SelectionRangeSliderModel" else ", "
            return self._labelled(s, _esc(sep.join(picked) or "–"), "choice")
        if name in _VALUE:
            return self._labelled(s, _esc(self._value_text(name, s)), "value")
        if name in _BOOLEAN:
            mark = "☑" if s.get("value") else "☐"
            state_text = self._t("handouts.widget.on" if s.get("value") else "handouts.widget.off")
            return (f"<div class='sl-w-control sl-w-bool'><span class='sl-w-value' aria-label='{_esc(state_text)}'>"
                    f"{mark}</span> {self._label(s) or _esc(state_text)}</div>")
        if name in _BUTTONS:
            return self._button(s)
        if name in _NOT_SHOWN:
            return ""
        if name == "AnyModel":
            return self._anywidget(s)
        return self.placeholder(name.removesuffix("Model") or "?")

    def _options(self, s: dict) -> str:
        labels, index = s.get("_options_labels") or [], s.get("index")
        items = "".join(
            f"<li{' class=sl-w-selected' if i == index else ''}><span class='sl-w-mark' aria-hidden='true'>"
            f"{'●' if i == index else '○'}</span> {_esc(label)}</li>" for i, label in enumerate(labels))
        label = self._label(s)
        return f"<div class='sl-w-control sl-w-options'>{label}<ul class='sl-w-option-list'>{items}</ul></div>"

    def _button(self, s: dict) -> str:
        text = s.get("description") or s.get("tooltip") or ""
        if not text:
            return ""
        return f"<button class='sl-w-button' type='button' disabled>{_esc(text)}</button>"

    def _selector(self, name: str, s: dict) -> str:
        children = s.get("children") or []
        titles = s.get("titles") or []
        index = s.get("selected_index")
        strip = ""
        if name != "StackModel" and titles:
            items = "".join(
                f"<li{' class=sl-w-selected aria-current=true' if i == index else ''}>{_esc(t)}</li>"
                for i, t in enumerate(titles))
            strip = f"<ul class='sl-w-tabs'>{items}</ul>"
        body = self.render(children[index]) if isinstance(index, int) and 0 <= index < len(children) else ""
        return f"<div class='sl-w-{name.removesuffix('Model').lower()}'>{strip}{body}</div>"

    def _anywidget(self, s: dict) -> str:
        widget_id = s.get("_anywidget_id") or ""
        if widget_id in INVISIBLE_ANYWIDGETS:
            return ""
        if widget_id in CONTROL_ANYWIDGETS:
            return self._button(s)
        return self.placeholder(widget_id.rsplit(".", 1)[-1] or "AnyWidget")

    def _chart(self, s: dict) -> str:
        try:
            svg = self.draw_chart(s["spec"], s.get("datasets") or {})
        except Exception as exc:  # a chart that cannot be drawn says so on the page
            return self.placeholder(f"{self._t('handouts.widget.chart')} ({type(exc).__name__}: {exc})")
        alt = s.get("alt_text") or ""
        table = s.get("table_html") or ""
        labels = s.get("table_labels") or {}
        details = ""
        if table:
            summary = _esc(labels.get("show") or self._t("handouts.widget.data"))
            details = f"<details class='sl-chart-data'><summary>{summary}</summary>{table}</details>"
        return (f"<figure class='sl-chart' role='img' aria-label='{_esc(alt)}'>{svg}</figure>{details}")


def render_outputs(outputs: list, widgets: StaticWidgets | None = None) -> str:
    """Static HTML of notebook outputs (as an Output widget or a cell shows them).

    Parameters
    ----------
    outputs : list of dict
        nbformat outputs (``stream``, ``display_data``, ``execute_result``, ``error``).
    widgets : StaticWidgets, optional
        Draws widget views among the outputs (without one a widget view is a placeholder).

    Returns
    -------
    str
        HTML: rich outputs as they are (``text/html``, ``image/svg+xml``), images as data URIs,
        text escaped in ``<pre>``, errors as their name and message (no traceback colours).

    Examples
    --------
    >>> render_outputs([{"output_type": "stream", "name": "stdout", "text": "a < b"}])
    "<pre class='sl-out-stream'>a &lt; b</pre>"
    """
    parts = []
    for out in outputs or []:
        kind = out.get("output_type")
        if kind == "stream":
            text = out.get("text", "")
            text = "".join(text) if isinstance(text, list) else text
            parts.append(f"<pre class='sl-out-stream'>{_esc(_ANSI.sub('', text))}</pre>")
        elif kind == "error":
            parts.append(f"<pre class='sl-out-error'>{_esc(out.get('ename'))}: {_esc(_ANSI.sub('', str(out.get('evalue', ''))))}</pre>")
        elif kind in ("display_data", "execute_result"):
            parts.append(_rich(out.get("data") or {}, widgets))
    return "".join(parts)


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _rich(data: dict, widgets: StaticWidgets | None) -> str:
    if WIDGET_VIEW in data:
        view = data[WIDGET_VIEW] or {}
        if widgets is not None:
            return widgets.render(str(view.get("model_id", "")))
        return f"<div class='sl-w-placeholder'>{_esc(view.get('model_id', 'widget'))}</div>"
    if "text/html" in data:
        return _joined(data["text/html"])
    if "image/svg+xml" in data:
        return _joined(data["image/svg+xml"])
    for mime in ("image/png", "image/jpeg", "image/gif"):
        if mime in data:
            return f"<img alt='' src='data:{mime};base64,{_joined(data[mime]).strip()}'>"
    if "text/markdown" in data:
        from nbconvert.filters import markdown2html

        return markdown2html(_joined(data["text/markdown"]))
    if "text/latex" in data:
        return f"<pre class='sl-out-tex'>{_esc(_joined(data['text/latex']))}</pre>"
    if "text/plain" in data:
        return f"<pre class='sl-out-text'>{_esc(_ANSI.sub('', _joined(data['text/plain'])))}</pre>"
    return ""


def render_widget(state: dict, model_id: str, lang: str = "zh") -> str:
    """Static HTML of one widget of a stored widget state (see module docs).

    Parameters
    ----------
    state : dict
        The stored state: ``{model_id: {"model_name", "model_module", "state"}}``.
    model_id : str
        The widget shown (a widget-view output's ``model_id``, or ``IPY_MODEL_…``).
    lang : {"zh", "en"}
        Language of what the handout adds (placeholders, on/off).

    Returns
    -------
    str
        HTML with no script: see the module docs for what each kind of widget becomes.

    Examples
    --------
    >>> state = {"s": {"model_name": "IntSliderModel", "state": {"description": "Staff", "value": 4}},
    ...          "b": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_s"]}}}
    >>> render_widget(state, "b", "en")
    "<div class='sl-w-box sl-w-vbox'><div class='sl-w-control sl-w-value'><span class='sl-w-label'>Staff</span><span class='sl-w-sep'>: </span><span class='sl-w-value'>4</span></div></div>"
    """
    return StaticWidgets(state, lang).render(model_id)


def staticize(nb, lang: str, draw_chart: Callable[[dict, dict], str] | None = None):
    """Replace every widget view in an executed notebook by its static HTML; drop the widget state.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        Executed with the widget state stored (changed in place and returned).
    lang : {"zh", "en"}
    draw_chart : callable, optional
        As in :class:`StaticWidgets`.

    Returns
    -------
    nbformat.NotebookNode
        ``nb``: widget-view outputs are ``text/html`` outputs, ``metadata.widgets`` is gone (so
        nbconvert adds no widget manager script).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> nb.metadata["widgets"] = {WIDGET_STATE: {"state": {"l": {"model_name": "LabelModel", "state": {"value": "<b>"}}}}}
    >>> nb.cells.append(nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
    ...     "display_data", data={WIDGET_VIEW: {"model_id": "l"}, "text/plain": "Label()"})]))
    >>> staticize(nb, "en").cells[0].outputs[0].data
    {'text/html': "<div class='sl-w-text'>&lt;b&gt;</div>"}
    """
    state = (nb.metadata.get("widgets") or {}).get(WIDGET_STATE, {}).get("state", {})
    renderer = StaticWidgets(state, lang, draw_chart)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            if WIDGET_VIEW in data:
                out["data"] = {"text/html": _rich(data, renderer)}
    nb.metadata.pop("widgets", None)
    return nb
