"""Shared widget plumbing: error display, safe callbacks, number formatting.

Panels are :class:`ipywidgets.VBox` subclasses. Elements a test or a browser needs to find carry a
CSS class ``sl-…`` (``add_class``). A callback never lets an exception reach the kernel: a
:class:`~servicelab.errors.ServiceLabError` is shown in the panel in the learner's language (with
the other language below) as an input problem, a broken content file or an unwritable file as
such, anything else as an internal fault with its reason translated — and the learner's inputs
are left untouched. Outputs that no longer match the inputs are hidden while the error stands.
"""
from __future__ import annotations

import functools
import html
import logging
import math
from typing import Callable

from ..errors import ContentError, ServiceLabError
from ..i18n import LANGUAGES, t

log = logging.getLogger("servicelab")


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


#: Exception types whose cause a learner can be told in plain words (checked in this order).
_REASONS: tuple[tuple[type[BaseException], str], ...] = (
    (MemoryError, "error.reason.memory"),
    (PermissionError, "error.reason.permission"),
    (OSError, "error.reason.os"),
    (ArithmeticError, "error.reason.arithmetic"),
)
#: Kind of a failure → key of the box's title.
TITLES = {"input": "error.title", "content": "error.title.content", "storage": "error.title.storage",
          "internal": "error.title.internal"}


def error_kind(err: BaseException) -> str:
    """``"input"``, ``"content"``, ``"storage"`` or ``"internal"``: what kind of failure ``err`` is.

    A :class:`~servicelab.errors.ServiceLabError` is an input problem unless it says otherwise
    (a ``kind`` attribute, or :class:`~servicelab.errors.ContentError` for a broken content file);
    an ``OSError`` is a file that cannot be read or written; anything else is a fault in servicelab,
    never the learner's input.

    Examples
    --------
    >>> error_kind(ServiceLabError("customers.weights_zero")), error_kind(ZeroDivisionError()), error_kind(OSError(28, "full"))
    ('input', 'internal', 'storage')
    """
    if isinstance(err, ServiceLabError):
        kind = getattr(err, "kind", None)
        if kind in TITLES:
            return kind
        return "content" if isinstance(err, ContentError) else "input"
    return "storage" if isinstance(err, OSError) else "internal"


def _messages(err: BaseException, lang: str) -> str:
    if isinstance(err, ServiceLabError):
        return err.message(lang)
    reason = next((key for cls, key in _REASONS if isinstance(err, cls)), "error.reason.bug")
    detail = f"{type(err).__name__}: {err}"[:300]
    return t("error.unknown", lang, reason=t(reason, lang), detail=detail)


def error_html(err: BaseException, lang: str, *, hidden_outputs: bool = False) -> str:
    """HTML for an error box: a title that says what happened, the reason in the learner's
    language, the other language smaller.

    The title tells an input problem (输入有问题) from a broken content file, a file that cannot
    be read or written, and a fault inside servicelab; for the last, the reason is translated
    (out of memory, a calculation that failed …) and the technical detail follows. With
    ``hidden_outputs`` a line says the results below are hidden until the problem is fixed.

    Parameters
    ----------
    err : Exception
    lang : {"zh", "en"}
    hidden_outputs : bool

    Returns
    -------
    str
        A ``div.sl-error-box.sl-error-<kind>`` with ``role="alert"`` (see :func:`error_kind`).

    Examples
    --------
    >>> box = error_html(ZeroDivisionError("division by zero"), "en")
    >>> "Internal error" in box and "sl-error-internal" in box and "problem with the input" not in box
    True
    """
    kind = error_kind(err)
    other_lang = other_language(lang)
    main, other = _messages(err, lang), _messages(err, other_lang)
    if hidden_outputs:
        main += " " + t("error.outputs_hidden", lang)
        other += " " + t("error.outputs_hidden", other_lang)
    return (
        f'<div class="sl-error-box sl-error-{kind}" role="alert" style="border-left:4px solid #d62728;'
        'background:#fdecea;padding:6px 10px;margin:4px 0">'
        f"<b>{html.escape(t(TITLES[kind], lang))}</b><br>{html.escape(main)}"
        f'<br><span style="color:#666;font-size:90%">{html.escape(other)}</span></div>'
    )


def guarded(error_widget_attr: str = "error", stale: tuple[str, ...] = ()) -> Callable:
    """Decorate a panel method so errors are shown in ``self.<error_widget_attr>``, never raised.

    The error area is cleared when the call succeeds. ``stale`` names the panel's output widgets
    that show results of the inputs: while an error stands they are hidden (a result of the
    previous inputs must not stay under the message), and shown again on the next success.
    """

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            box = getattr(self, error_widget_attr)
            outputs = [getattr(self, name) for name in stale if getattr(self, name, None) is not None]
            try:
                result = method(self, *args, **kwargs)
            except Exception as err:  # noqa: BLE001 - a learner must never see a traceback
                if not isinstance(err, ServiceLabError):
                    log.exception("unexpected error in %s", method.__qualname__)
                box.value = error_html(err, self.lang, hidden_outputs=bool(outputs))
                for widget in outputs:
                    own_layout(widget).display = "none"
                return None
            box.value = ""
            for widget in outputs:
                own_layout(widget).display = None
            return result

        return wrapper

    return decorate


def fmt(value: float | None, digits: int = 2, signed: bool = True) -> str:
    """Format a score for display (``+0.25``, ``−1.10``; an en dash for missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return text.replace("-", "−")


def table_html(header: list[str], rows: list[list[str]], css_class: str = "sl-table", align: list[str] | None = None) -> str:
    """A small HTML table (cells are escaped); ``align`` gives each column's ``text-align``."""
    align = align or ["left"] * len(header)
    head = "".join(f"<th style='text-align:{a};padding:2px 8px'>{html.escape(h)}</th>" for h, a in zip(header, align))
    body = "".join(
        "<tr>" + "".join(f"<td style='text-align:{a};padding:2px 8px'>{html.escape(str(c))}</td>" for c, a in zip(row, align))
        + "</tr>"
        for row in rows
    )
    return f"<table class='{css_class}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# ------------------------------------------------------------------------------ layout
#: Rough widths (px) of a character in the widgets' 13 px font: CJK and full-width forms, capitals,
#: everything else. Generous on purpose: a label a little too wide costs nothing, one too narrow
#: is cut off ("按比例调整为 1…").
_CHAR_PX = {"wide": 14.0, "upper": 9.5, "other": 7.6}
_LABEL_PADDING_PX = 14


def _text_px(text: str) -> float:
    total = 0.0
    for ch in text:
        if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f":
            total += _CHAR_PX["wide"]
        elif ch.isupper():
            total += _CHAR_PX["upper"]
        else:
            total += _CHAR_PX["other"]
    return total


def label_width(texts, minimum: int = 0) -> int:
    """A description width (px) that fits the longest of ``texts`` without cutting it off.

    Sliders in one column share this width so their tracks line up, in either language.

    Parameters
    ----------
    texts : iterable of str
        Every label the column can show (both tier schemes, for instance).
    minimum : int
        Lower bound in px.

    Returns
    -------
    int

    Examples
    --------
    >>> label_width(["有形性", "响应性"]) < label_width(["Responsiveness"])
    True
    >>> label_width(["a"], minimum=80)
    80
    """
    widest = max((_text_px(str(x)) for x in texts), default=0.0)
    return max(int(minimum), int(round(widest + _LABEL_PADDING_PX)))


def label_style(texts, minimum: int = 0) -> dict[str, str]:
    """``style=`` for sliders whose descriptions are ``texts`` (see :func:`label_width`).

    Examples
    --------
    >>> label_style(["a"], minimum=80)
    {'description_width': '80px'}
    """
    return {"description_width": f"{label_width(texts, minimum)}px"}


def wrap_row(children, gap: str = "12px") -> "W.HBox":
    """An HBox whose items wrap onto the next line instead of squeezing each other.

    A results table next to its chart keeps its natural width while the row has room for it; on a
    narrower screen the chart moves below the table.
    """
    import ipywidgets as W

    return W.HBox(list(children), layout=shared_layout(flex_flow="row wrap", align_items="flex-start", grid_gap=gap))


#: CSS shared by the panels: tab titles as wide as their text (ipywidgets cuts them at 144 px),
#: wrapping onto a second row when there are many.
LAYOUT_CSS = """
.jupyter-widgets.jupyter-widget-tab.sl-tabs > .lm-TabBar .lm-TabBar-tab,
.jupyter-widgets.widget-tab.sl-tabs > .p-TabBar .p-TabBar-tab { flex: 0 0 auto; max-width: none; }
.jupyter-widgets.jupyter-widget-tab.sl-tabs > .lm-TabBar .lm-TabBar-content,
.jupyter-widgets.widget-tab.sl-tabs > .p-TabBar .p-TabBar-content { flex-wrap: wrap; }
.jupyter-widgets.jupyter-widget-tab.sl-tabs > .lm-TabBar,
.jupyter-widgets.widget-tab.sl-tabs > .p-TabBar { height: auto; min-height: fit-content; }
"""


def layout_style() -> "W.HTML":
    """An invisible widget carrying :data:`LAYOUT_CSS`; put one in any panel that has tabs
    (the tab widget needs the class ``sl-tabs``)."""
    import ipywidgets as W

    box = W.HTML(f"<style>{LAYOUT_CSS}</style>", layout=W.Layout(display="none"))
    box.add_class("sl-layout-style")
    return box


# ---------------------------------------------------------------------------------------------
# Accessible names and live regions in the rendered page
# ---------------------------------------------------------------------------------------------

#: The page script of :func:`page_accessibility` (plain ES module, no imports).
_A11Y_ESM = r"""
// servicelab page accessibility: ipywidgets 8 does not connect a widget's description (its
// <label class="widget-label">) to a slider's handle (a <div role="slider">), and a control
// without a description has no name at all. This script gives such controls an aria-label
// from the description, or from the widget's tooltip when there is no visible description,
// makes elements with the class sl-live polite live regions (announced when they change), and
// darkens the one piece of ipywidgets chrome whose text is below 4.5 : 1 (see STYLE).
const AUTO = "data-sl-aria";
function labelOf(control) {
  const w = control.closest(".widget-slider, .widget-inline-hbox, .widget-inline-vbox");
  const label = w && w.querySelector(":scope > label.widget-label");
  if (!label) return "";
  const shown = label.style.display !== "none" ? label.textContent.trim() : "";
  return shown || (label.getAttribute("title") || "").trim();
}
function hasOwnName(c) {
  if (c.hasAttribute("aria-labelledby") || (c.hasAttribute("aria-label") && !c.hasAttribute(AUTO))) return true;
  if (c.labels) for (const l of c.labels) if (l.style.display !== "none" && l.textContent.trim()) return true;
  return false;
}
function name(c) {
  if (hasOwnName(c)) return;
  // a title alone is a tooltip, not a label: name the control with it (or with the description)
  const text = labelOf(c) || (c.getAttribute("title") || "").trim();
  if (text && c.getAttribute("aria-label") !== text) { c.setAttribute("aria-label", text); c.setAttribute(AUTO, ""); }
}
function fix(root) {
  root.querySelectorAll(".jupyter-widgets [role=slider]").forEach(name);
  root.querySelectorAll(".jupyter-widgets input:not([type=file]):not([type=hidden]), .jupyter-widgets select, .jupyter-widgets textarea")
    .forEach(name);
  root.querySelectorAll(".sl-live:not([aria-live])").forEach((e) => {
    e.setAttribute("role", "status");
    e.setAttribute("aria-live", "polite");
  });
}
// ipywidgets chrome below WCAG 2.2 AA: inactive tab titles are #6d6d6d on #eeeeee (4.45 : 1;
// #595959 gives 6.0 : 1), and radio buttons stacked 20 px apart are closer than the 24 px
// target spacing of success criterion 2.5.8 (each option row is made 26 px high).
const STYLE = `.jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab:not(.lm-mod-current),
.jupyter-widgets.widget-tab > .lm-TabBar .lm-TabBar-tab:not(.lm-mod-current) .lm-TabBar-tabLabel { color: #595959; }
.widget-radio > .widget-radio-box > label, .widget-radio > .widget-radio-box > label > input { height: 26px; line-height: 26px; }`;
function render({ el }) {
  el.style.display = "none";
  if (window.__servicelabA11y) return;
  window.__servicelabA11y = true;
  const style = document.createElement("style");
  style.id = "sl-a11y-style";
  style.textContent = STYLE;
  document.head.appendChild(style);
  let queued = false;
  const run = () => { queued = false; fix(document); };
  new MutationObserver(() => { if (!queued) { queued = true; setTimeout(run, 30); } })
    .observe(document.body, { childList: true, subtree: true, characterData: true });
  run();
}
export default { render };
"""


@functools.lru_cache(maxsize=None)
def _page_accessibility_class():
    import anywidget

    class PageAccessibility(anywidget.AnyWidget):
        """Invisible; its script names unnamed controls and marks live regions (see :func:`page_accessibility`)."""

        _esm = _A11Y_ESM

    return PageAccessibility


def page_accessibility():
    """An invisible widget whose page script gives every widget control an accessible name.

    ipywidgets 8 renders a slider's handle as ``<div role="slider">`` without a link to the
    slider's description, and a control made without a description has no name; screen readers
    then announce "slider" and nothing else. Put this widget in a panel (once per page is enough;
    every panel with sliders or unlabelled inputs includes it): the script then sets
    ``aria-label`` from the description, or from ``tooltip`` when the control has no visible
    description, and makes each element with the CSS class ``sl-live`` a polite live region
    (``role="status"``, ``aria-live="polite"``), so changed feedback is read out.

    Returns
    -------
    ipywidgets.DOMWidget
        A zero-size anywidget (one instance per call).

    Notes
    -----
    The script runs once per page (a flag on ``window``) and re-applies itself through a
    ``MutationObserver`` when widgets are drawn or redrawn. It never overrides a name a control
    already has (its own ``aria-label``/``aria-labelledby`` or a visible ``<label>``). It also
    darkens ipywidgets' inactive tab titles (``#6d6d6d`` on ``#eeeeee``, 4.45 : 1) to
    ``#595959`` (6.0 : 1).

    References
    ----------
    W3C (2023). *WCAG 2.2*, 4.1.2 Name, Role, Value; 4.1.3 Status Messages; 1.4.3 Contrast
    (Minimum). W3C (2023). *WAI-ARIA 1.2*, ``slider`` role and live regions.

    Examples
    --------
    >>> page_accessibility().layout.display
    'none'
    """
    import ipywidgets as W

    return _page_accessibility_class()(layout=W.Layout(display="none"))


# --- shared default Layout / Style (page weight, issue 14) ---------------------------------------------
# Every ipywidgets DOM widget gets its own Layout model and most their own Style model, even when
# nothing in it differs from the defaults: a chapter held ~900 such models (0.75 MB of an executed
# notebook's widget state). Widgets built with the defaults share one frozen instance instead; a widget
# whose layout is changed later gets its own copy first (:func:`own_layout`).

_SHARED: dict[str, object] = {}


def _frozen_class(base):
    """A subclass of ``base`` (a Layout or Style class) whose traits cannot change once frozen."""

    class Frozen(base):
        _sl_frozen = False

        def __setattr__(self, name, value):
            if self._sl_frozen and name in self.class_trait_names(sync=True) and getattr(self, name) != value:
                raise AttributeError(f"shared {base.__name__} is read-only (set {name}); use own_layout(widget) first")
            super().__setattr__(name, value)

    Frozen.__name__ = Frozen.__qualname__ = f"Shared{base.__name__}"
    return Frozen


def _shared(kind: str, base, **traits):
    inst = _SHARED.get(kind)
    if inst is None or getattr(inst, "comm", None) is None:  # first use, or closed (Widget.close_all)
        inst = _frozen_class(base)(**traits)
        inst._sl_frozen = True
        _SHARED[kind] = inst
    return inst


def shared_layout(**traits):
    """The one read-only :class:`ipywidgets.Layout` with ``traits`` (default: all defaults) that widgets share.

    Parameters
    ----------
    **traits
        Layout traits, as for ``W.Layout(**traits)`` (e.g. ``width="auto"``).

    Returns
    -------
    ipywidgets.Layout
        The same instance for the same ``traits``; setting a trait to another value raises
        ``AttributeError`` (a shared layout can never be changed for one widget and thereby for all
        -- use :func:`own_layout` on a widget whose layout changes later).

    Notes
    -----
    An executed notebook stores one model per Layout (about 1 kB of JSON each); *n* widgets laid out
    alike store one model instead of *n*.

    Examples
    --------
    >>> shared_layout() is shared_layout(), shared_layout(width="auto") is shared_layout(width="auto")
    (True, True)
    >>> shared_layout(width="auto").width, shared_layout().display is None
    ('auto', True)
    """
    import ipywidgets as W

    return _shared("layout" + repr(sorted(traits.items())), W.Layout, **traits)


def html_widget(value: str = "", **kwargs) -> "W.HTML":
    """:class:`ipywidgets.HTML` sharing the default Layout and HTMLStyle unless ``layout``/``style`` are given.

    Parameters
    ----------
    value : str
        The HTML shown.
    **kwargs
        Any other :class:`ipywidgets.HTML` argument.

    Returns
    -------
    ipywidgets.HTML
        Looks exactly like ``W.HTML(value, **kwargs)``; to change its layout later use
        :func:`own_layout` (``own_layout(w).display = "none"``).

    Examples
    --------
    >>> a, b = html_widget("a"), html_widget("<b>b</b>")
    >>> a.layout is b.layout, a.style is b.style, html_widget("c", layout={"width": "5px"}).layout is a.layout
    (True, True, False)
    """
    import ipywidgets as W

    kwargs.setdefault("layout", shared_layout())
    kwargs.setdefault("style", _shared("html_style", W.HTML.class_traits()["style"].klass))
    return W.HTML(value, **kwargs)


def own_layout(widget) -> "W.Layout":
    """``widget``'s layout, first replaced by a private copy if it is the shared one.

    Parameters
    ----------
    widget : ipywidgets.DOMWidget
        Any widget.

    Returns
    -------
    ipywidgets.Layout
        A layout that belongs to ``widget`` alone and may be changed.

    Examples
    --------
    >>> w = html_widget("x", layout=shared_layout(width="9px")); own_layout(w).display = "none"
    >>> w.layout.display, w.layout.width, shared_layout(width="9px").display
    ('none', '9px', None)
    """
    return _own_copy(widget, "layout")


def _own_copy(widget, trait: str):
    """``widget``'s ``trait`` (its layout or style), first replaced by a private copy if it is shared."""
    shared = getattr(widget, trait)
    if getattr(shared, "_sl_frozen", False):
        klass = type(widget).class_traits()[trait].klass
        setattr(widget, trait, klass(**{n: getattr(shared, n) for n in klass.class_trait_names(sync=True)
                                        if not n.startswith("_")}))
    return getattr(widget, trait)


def shared_style(widget_class, **traits):
    """The one read-only style of ``widget_class`` (``W.Checkbox``, ``W.Button`` …) with ``traits`` that widgets share.

    Parameters
    ----------
    widget_class : type
        An ipywidgets class with a ``style`` trait; the style is of the class that trait takes
        (``CheckboxStyle`` for ``W.Checkbox``, ``DescriptionStyle`` for ``W.RadioButtons`` …).
    **traits
        Style traits (e.g. ``button_color="#2e7d32"``); none gives the defaults.

    Returns
    -------
    ipywidgets.Style
        The same instance for the same class and ``traits``; setting a trait to another value raises
        ``AttributeError`` (use :func:`own_style` on a widget whose style changes later).

    Notes
    -----
    As for :func:`shared_layout`: *n* widgets styled alike hold one Style model instead of *n*
    (a mock paper's 83 check boxes had 83 identical ``CheckboxStyle`` models).

    Examples
    --------
    >>> import ipywidgets as W
    >>> a, b = W.Checkbox(style=shared_style(W.Checkbox)), W.Checkbox(style=shared_style(W.Checkbox))
    >>> a.style is b.style, type(a.style).__name__, shared_style(W.Button, button_color="red").button_color
    (True, 'SharedCheckboxStyle', 'red')
    """
    klass = widget_class.class_traits()["style"].klass
    return _shared(f"style:{klass.__name__}" + repr(sorted(traits.items())), klass, **traits)


def own_style(widget):
    """``widget``'s style, first replaced by a private copy if it is a shared one (:func:`shared_style`).

    Parameters
    ----------
    widget : ipywidgets.DOMWidget
        A widget with a ``style``.

    Returns
    -------
    ipywidgets.Style
        A style that belongs to ``widget`` alone and may be changed.

    Examples
    --------
    >>> import ipywidgets as W
    >>> b = W.Button(style=shared_style(W.Button)); own_style(b).button_color = "red"
    >>> b.style.button_color, shared_style(W.Button).button_color is None
    ('red', True)
    """
    return _own_copy(widget, "style")


def close_tree(widget) -> int:
    """Close ``widget`` and every widget it holds, except the shared read-only Layouts and Styles.

    Parameters
    ----------
    widget : ipywidgets.Widget
        A widget no longer shown (e.g. a replaced mock paper's card).

    Returns
    -------
    int
        How many widget models were closed.

    Notes
    -----
    A widget's held widgets are the values of its synced traits (``children``, ``layout``,
    ``style`` …), followed recursively. Closing a container does not close its children in
    ipywidgets, so without this every replaced widget tree stays alive in the kernel and in the
    page (each model keeps its comm), and each new one makes the page slower. Shared objects
    (:func:`shared_layout`, :func:`shared_style`, :func:`html_widget`'s style) stay open: other
    widgets still use them.

    Examples
    --------
    >>> import ipywidgets as W
    >>> box = W.VBox([html_widget("a"), W.Checkbox(style=shared_style(W.Checkbox))])
    >>> close_tree(box), box.comm is None, box.children[0].layout is shared_layout()  # VBox, its Layout, HTML, Checkbox, its Layout
    (5, True, True)
    >>> shared_layout().comm is not None, close_tree(box)
    (True, 0)
    """
    import ipywidgets as W

    seen: set[int] = set()
    stack, closed = [widget], 0
    while stack:
        w = stack.pop()
        if id(w) in seen or getattr(w, "_sl_frozen", False) or getattr(w, "comm", None) is None:
            continue
        seen.add(id(w))
        for name in w.keys:
            value = getattr(w, name, None)
            if isinstance(value, W.Widget):
                stack.append(value)
            elif isinstance(value, (list, tuple)):
                stack.extend(v for v in value if isinstance(v, W.Widget))
        w.close()
        closed += 1
    return closed
