"""The mock paper's live countdown: a small offline anywidget that counts down in the browser.

The count runs in the page (JavaScript, once a second) from the paper's deadline, so it keeps time
whatever the kernel is doing — busy, restarting, or running widget callbacks on a subshell thread
(JupyterLab 4.6) — and it works the same in JupyterLab and Voilà. The kernel only sets the
deadline and whether a paper is running; the page tells the kernel when the time is up (an
``expired`` message), and while a paper runs it asks before the page is left (``beforeunload``).
Nothing is fetched: the module is inline.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime

import anywidget
import traitlets

__all__ = ["WARN_AT_MINUTES", "Countdown", "deadline_ms", "format_remaining", "warning_level"]

#: Minutes left at which the countdown warns (the 5-minute warning replaces the 15-minute one).
WARN_AT_MINUTES: tuple[int, int] = (15, 5)

_ESM = """
function fmt(s) {
  s = Math.max(0, Math.ceil(s));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), x = s % 60;
  const two = (n) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(x)}` : `${two(m)}:${two(x)}`;
}
function render({ model, el }) {
  el.classList.add("sl-quiz-countdown");
  const time = document.createElement("b");
  time.className = "sl-quiz-countdown-time";
  const warn = document.createElement("div");
  warn.className = "sl-quiz-countdown-warning";
  warn.setAttribute("role", "status");
  warn.style.color = "#c62828";
  el.append(time, warn);
  let sent = false;
  const onLeave = (e) => {
    if (!model.get("running")) return undefined;
    e.preventDefault();
    e.returnValue = model.get("leave_warning");
    return model.get("leave_warning");
  };
  window.addEventListener("beforeunload", onLeave);
  function tick() {
    if (!model.get("running")) {
      el.style.display = "none";
      el.dataset.level = "";
      return;
    }
    el.style.display = "";
    const left = (model.get("deadline_ms") - Date.now()) / 1000;
    time.textContent = model.get("template").replace("{time}", fmt(left));
    const level = left <= 0 ? "up" : left <= 300 ? "5" : left <= 900 ? "15" : "";
    el.dataset.level = level;
    warn.textContent = level === "up" ? model.get("time_up") : level === "5" ? model.get("warn5")
      : level === "15" ? model.get("warn15") : "";
    if (left <= 0 && !sent) {
      sent = true;
      model.send({ event: "expired" });
    }
  }
  const reset = () => { sent = false; tick(); };
  model.on("change:running", reset);
  model.on("change:deadline_ms", reset);
  tick();
  const timer = setInterval(tick, 1000);
  return () => { clearInterval(timer); window.removeEventListener("beforeunload", onLeave); };
}
export default { render };
"""


def format_remaining(seconds: float) -> str:
    """Time left as the countdown shows it: ``H:MM:SS`` from an hour up, ``MM:SS`` below.

    Seconds are rounded up (the display reaches 00:00 exactly at the deadline) and negative
    values show as 00:00.

    Examples
    --------
    >>> format_remaining(150 * 60), format_remaining(899.2), format_remaining(-3)
    ('2:30:00', '15:00', '00:00')
    """
    s = max(0, math.ceil(seconds))
    h, rest = divmod(s, 3600)
    m, x = divmod(rest, 60)
    return f"{h}:{m:02d}:{x:02d}" if h else f"{m:02d}:{x:02d}"


def warning_level(seconds: float) -> str:
    """Which warning the countdown shows with ``seconds`` left: ``""``, ``"15"``, ``"5"`` or ``"up"``.

    Notes
    -----
    ``"15"`` for :math:`300 < s \\le 900`, ``"5"`` for :math:`0 < s \\le 300`, ``"up"`` for
    :math:`s \\le 0` (the page then hands the paper in) — the same rule as the page's script.

    Examples
    --------
    >>> [warning_level(s) for s in (901, 900, 301, 300, 1, 0)]
    ['', '15', '15', '5', '5', 'up']
    """
    if seconds <= 0:
        return "up"
    if seconds <= WARN_AT_MINUTES[1] * 60:
        return "5"
    if seconds <= WARN_AT_MINUTES[0] * 60:
        return "15"
    return ""


def deadline_ms(deadline: datetime, *, now: datetime) -> float:
    """The page's deadline (milliseconds since the epoch, wall clock) for ``deadline`` on the clock of ``now``.

    Parameters
    ----------
    deadline, now : datetime
        The deadline and the current time, on the same (possibly injected) clock.

    Returns
    -------
    float
        :math:`1000 \\cdot (t_{wall} + (deadline - now))`, with :math:`t_{wall}` = ``time.time()``.

    Notes
    -----
    The page counts down to this wall-clock instant, so an injected kernel clock (tests) still
    gives the right time left, and a reloaded page recomputes it from the same absolute deadline.

    References
    ----------
    The page's ``Date.now()`` (ECMAScript, milliseconds since the Unix epoch).

    Examples
    --------
    >>> from datetime import timezone
    >>> t0 = datetime(2025, 6, 1, 9, 0, tzinfo=timezone.utc)
    >>> round((deadline_ms(t0.replace(hour=11), now=t0) / 1000 - time.time()) / 60)
    120
    """
    return (time.time() + (deadline - now).total_seconds()) * 1000.0


class Countdown(anywidget.AnyWidget):
    """A live countdown to a deadline, drawn and timed in the browser.

    Parameters
    ----------
    on_expired : callable
        Called (no arguments) when the page reports that the deadline has passed.
    deadline, now : datetime, optional
        Count down to ``deadline`` (``now`` on the same, possibly injected, clock); without them
        the countdown is stopped and hidden. A countdown never changes from one to the other: a
        started or stopped paper gets a new Countdown, its state in its comm's open message
        (anywidget 0.11 drops every later update to a model whose module took over 2 s to load).
    template : str
        The text, with ``{time}`` for the time left (``"剩余时间 {time}"``).
    warn15, warn5, time_up, leave_warning : str
        Texts of the 15-minute and 5-minute warnings, of the end, and of the question the page
        asks before it is left while a paper runs.

    Notes
    -----
    The deadline is taken on the kernel's clock with the kernel's "now"; the page gets
    ``deadline_ms = wall-clock now + (deadline − now)`` (:func:`deadline_ms`), so an injected clock
    (tests) still gives the page the right time left, and a reloaded page recomputes the time left
    from the same absolute deadline.

    Examples
    --------
    >>> from datetime import timezone
    >>> t0 = datetime(2025, 6, 1, 9, 0, tzinfo=timezone.utc)
    >>> c = Countdown(lambda: None, deadline=t0.replace(hour=11, minute=30), now=t0, template="left {time}")
    >>> c.running, round((c.deadline_ms / 1000 - time.time()) / 60)
    (True, 150)
    >>> Countdown(lambda: None).running
    False
    """

    _esm = _ESM
    deadline_ms = traitlets.Float(0.0).tag(sync=True)
    running = traitlets.Bool(False).tag(sync=True)
    template = traitlets.Unicode("{time}").tag(sync=True)
    warn15 = traitlets.Unicode("").tag(sync=True)
    warn5 = traitlets.Unicode("").tag(sync=True)
    time_up = traitlets.Unicode("").tag(sync=True)
    leave_warning = traitlets.Unicode("").tag(sync=True)

    def __init__(self, on_expired: Callable[[], None], *, deadline: datetime | None = None,
                 now: datetime | None = None, **kwargs) -> None:
        if deadline is not None:
            kwargs.update(deadline_ms=deadline_ms(deadline, now=now), running=True)
        super().__init__(**kwargs)
        self._on_expired = on_expired
        self.on_msg(self._handle)

    def _handle(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("event") == "expired" and self.running:
            self._on_expired()
