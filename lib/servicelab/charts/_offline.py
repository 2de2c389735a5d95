"""Offline chart rendering: no CDN, no network.

altair's default renderer loads vega from a CDN, so with no internet a chart silently never draws.
servicelab shows every chart through :class:`altair.JupyterChart` (an anywidget) whose JavaScript
is bundled by ``vl-convert`` (:meth:`altair.JupyterChart.enable_offline`); the same widget lets a
panel swap the chart's spec in place when an input changes. Bundling takes several seconds, so the
bundle is cached on disk (per altair and vl-convert version) in the user cache directory, or in
``$SERVICELAB_CACHE`` when set.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


def _cache_file() -> Path:
    from importlib.metadata import version

    from platformdirs import user_cache_dir

    root = Path(os.environ.get("SERVICELAB_CACHE") or user_cache_dir("servicelab"))
    return root / f"jupyterchart-{version('altair')}-vlc-{version('vl-convert-python')}.js"


@lru_cache(maxsize=1)
def enable_offline() -> None:
    """Configure altair for offline use (idempotent).

    Loads the cached JupyterChart bundle if present, else builds it with vl-convert and caches
    it; then makes the ``jupyter`` renderer (JupyterChart, offline) the default, so even a chart
    displayed as a cell's last line draws without internet.
    """
    import altair as alt

    path = _cache_file()
    bundle = None
    try:
        bundle = path.read_text(encoding="utf-8")
    except OSError:
        pass
    if bundle and hasattr(alt.JupyterChart, "_is_offline"):
        alt.JupyterChart._esm = bundle
        alt.JupyterChart._is_offline = True
    else:
        alt.JupyterChart.enable_offline()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(alt.JupyterChart._esm, encoding="utf-8")
            tmp.replace(path)
        except OSError:
            pass  # no writable cache: still works, just slower next time
    alt.renderers.enable("jupyter", offline=True)


def live(chart, **kwargs):
    """Wrap an altair chart in an offline :class:`altair.JupyterChart` widget (SVG renderer)."""
    import altair as alt

    enable_offline()
    embed = {"renderer": "svg", "actions": False}
    embed.update(kwargs.pop("embed_options", {}))
    return alt.JupyterChart(chart, embed_options=embed, **kwargs)
