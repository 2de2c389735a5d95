"""Charts draw with no internet: the live-chart bundle is self-contained and cached."""
from __future__ import annotations

import re

from servicelab.charts import _offline


def test_bundle_loads_nothing_from_the_network():
    bundle = _offline.live_chart_bundle()
    assert re.search(r"export\s*\{[^}]*as default\s*\}|export default", bundle)  # an ES module anywidget can load
    assert "change:datasets" in bundle and len(bundle) > 500_000  # our code plus vega inlined
    # no module or script is fetched from a CDN (w3.org namespaces and doc links are fine)
    assert not re.search(r"""(import|from)\s*\(?\s*["']https?://""", bundle)
    hosts = set(re.findall(r"https?://([a-zA-Z0-9.\-]+)", bundle))
    assert hosts <= {"www.w3.org", "github.com", "vega.github.io"}, hosts


def test_bundle_is_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("SERVICELAB_CACHE", str(tmp_path))
    _offline.live_chart_bundle.cache_clear()
    try:
        text = _offline.live_chart_bundle()
        cached = list(tmp_path.glob("livechart-*.js"))
        assert len(cached) == 1 and cached[0].read_text(encoding="utf-8") == text
    finally:
        _offline.live_chart_bundle.cache_clear()


def test_enable_offline_makes_plain_altair_display_offline():
    _offline.enable_offline()
    alt = _offline.import_altair()
    assert alt.renderers.active == "jupyter"
    assert alt.JupyterChart._is_offline
    assert "esm.sh" not in alt.JupyterChart._esm


def test_import_altair_leaves_rfc3987_importable_afterwards():
    import importlib.util
    import sys

    _offline.import_altair()
    assert sys.modules.get("rfc3987_syntax", "absent") is not None  # not left blocked
    if importlib.util.find_spec("rfc3987_syntax") is None:
        return
    import rfc3987_syntax  # noqa: F401  (a later import still works)


def test_templates_are_cached_on_disk_and_equal_a_fresh_build(tmp_path, monkeypatch):
    from servicelab.charts import servqual

    monkeypatch.setenv("SERVICELAB_CACHE", str(tmp_path))
    first = _offline.ChartKind(servqual._ep_build, servqual._ep_data)
    spec = first.template("en")
    files = list(tmp_path.glob("spec-*.json"))
    assert len(files) == 1
    # a new kind (as in a new kernel) reads the file instead of building again
    second = _offline.ChartKind(lambda lang: (_ for _ in ()).throw(AssertionError("rebuilt")), servqual._ep_data)
    second._key = first._key  # same identity as the first kind
    assert second.template("en") == spec == servqual._ep_build("en").to_dict()
    # another language is another template
    assert first.template("zh") != spec and len(list(tmp_path.glob("spec-*.json"))) == 2
