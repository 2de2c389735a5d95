"""The class deployment files, checked without running them: deploy/jupyterhub/ (one-server config,
Zero-to-JupyterHub values, the single-user launcher) and the repo2docker files at the root.

The one-server config runs for real in test_jupyterhub.py; Kubernetes does not run here, so the
Helm values are checked for what can be checked offline: they parse, every key is one the chart
defines (the list below, from the chart's ``values.schema.yaml``), the JupyterHub traits under
``hub.config`` exist, the environment names are the ones servicelab reads, and the two setups agree.
"""
from __future__ import annotations

import importlib.util
import os
import re
import stat
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from traitlets.config.loader import PyFileConfigLoader

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy" / "jupyterhub"
VALUES = yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text(encoding="utf-8"))
PER_USER = ("SERVICELAB_PROGRESS_DB", "SERVICELAB_CACHE")

#: Keys of the Zero-to-JupyterHub chart ("jupyterhub" Helm chart, schema of 2026-07, appVersion
#: 5.5.0) that this project's values may use, as dotted paths; ``hub.config`` is free-form
#: JupyterHub configuration (checked against the installed JupyterHub below).
Z2JH_KEYS = {
    "hub.config", "hub.concurrentSpawnLimit", "hub.activeServerLimit", "hub.extraConfig",
    "singleuser.image.name", "singleuser.image.tag", "singleuser.image.pullPolicy", "singleuser.cmd",
    "singleuser.defaultUrl", "singleuser.extraEnv", "singleuser.storage.type", "singleuser.storage.capacity",
    "singleuser.storage.homeMountPath", "singleuser.memory.limit", "singleuser.memory.guarantee",
    "singleuser.cpu.limit", "singleuser.cpu.guarantee", "singleuser.startTimeout",
    "singleuser.networkPolicy.enabled", "singleuser.networkPolicy.egressAllowRules.nonPrivateIPs",
    "cull.enabled", "cull.timeout", "cull.every", "cull.concurrency", "cull.users", "cull.maxAge",
    "scheduling.userScheduler.enabled", "prePuller.hook.enabled", "prePuller.continuous.enabled",
}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;=]+)", line)
        assert m, f"{path.name}: not an exact pin: {line!r}"
        assert _norm(m[1]) not in pins, f"{path.name}: {m[1]} twice"
        pins[_norm(m[1])] = m[2]
    return pins


def _leaves(tree: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if path in ("hub.config", "singleuser.extraEnv") or not isinstance(value, dict):
            out.append(path)
        else:
            out.extend(_leaves(value, path + "."))
    return out


def _load_hub_config(tmp_path: Path, before: str = ""):
    """The Config the one-server file makes, after ``before`` (what TLJH's own config would set)."""
    wrapper = tmp_path / "wrapper_config.py"
    wrapper.write_text(f"c = get_config()\n{before}\nload_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})\n",
                       encoding="utf-8")
    return PyFileConfigLoader(wrapper.name, str(tmp_path)).load_config()


def _value(lazy, empty):
    return lazy.get_value(empty) if hasattr(lazy, "get_value") else lazy


# -- repo2docker files -----------------------------------------------------------------------------

def test_requirements_agree_with_constraints():
    req, con = _pins(REPO / "requirements.txt"), _pins(REPO / "constraints.txt")
    differ = {n: (v, con.get(n)) for n, v in req.items() if con.get(n) != v}
    assert differ == {}, f"requirements.txt and constraints.txt disagree (requirements, constraints): {differ}"


def test_every_pin_in_constraints_is_installed():
    """``make setup`` installs ``.[test]`` with ``-c constraints.txt``: a pin that nothing installs is a
    stale line (it would never be tested, and could be copied into requirements.txt unnoticed)."""
    installed = {_norm(d.metadata["Name"]): d.version for d in metadata.distributions()}
    stale = {n: v for n, v in _pins(REPO / "constraints.txt").items() if n not in installed}
    assert stale == {}, f"pinned in constraints.txt but installed by nothing: {stale}"


def test_requirements_pin_the_runtime_and_what_a_hub_needs():
    req = _pins(REPO / "requirements.txt")
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    from packaging.requirements import Requirement

    needed = {_norm(Requirement(d).name) for d in project["dependencies"]} | {"jupyterhub", "voila"}
    assert needed - set(req) == set()
    # nothing for tests only: the image is the learners' environment
    assert {"pytest", "playwright", "hypothesis", "papermill"} & set(req) == set()
    # and every pinned package's own requirements are pinned too (the closure, from its metadata)
    spec = importlib.util.spec_from_file_location("write_requirements", REPO / "tests/tools/write_requirements.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main(["--check"]) == 0, "requirements.txt is stale: run tests/tools/write_requirements.py"


def test_repo2docker_files():
    assert "fonts-noto-cjk" in (REPO / "apt.txt").read_text(encoding="utf-8").split()
    post = REPO / "postBuild"
    assert post.stat().st_mode & stat.S_IXUSR, "postBuild must be executable"
    text = post.read_text(encoding="utf-8")
    assert text.startswith("#!") and re.search(r"pip install [^\n]*--no-deps[^\n]* -e \.", text)
    runtime = (REPO / "runtime.txt").read_text(encoding="utf-8").strip()
    m = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert m, runtime
    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert SpecifierSet(requires).contains(m[1] + ".0")
    # the repository as the image has it: the launcher and the notebooks the values point at
    cmd = VALUES["singleuser"]["cmd"]
    assert cmd[-1].startswith("/srv/servicelab/") and (REPO / cmd[-1].removeprefix("/srv/servicelab/")).is_file()


# -- Zero to JupyterHub ----------------------------------------------------------------------------

def test_z2jh_values_use_only_chart_keys():
    unknown = sorted(set(_leaves(VALUES)) - Z2JH_KEYS)
    assert unknown == [], f"not keys of the z2jh chart: {unknown}"
    su = VALUES["singleuser"]
    assert su["image"]["name"] and su["image"]["tag"]
    assert VALUES["cull"]["enabled"] is True and VALUES["cull"]["timeout"] > 0


def test_z2jh_hub_config_names_real_jupyterhub_traits():
    import jupyterhub.app
    import jupyterhub.auth
    import jupyterhub.spawner

    classes = {"JupyterHub": jupyterhub.app.JupyterHub, "Authenticator": jupyterhub.auth.Authenticator,
               "Spawner": jupyterhub.spawner.Spawner}
    checked = 0
    for section, settings in VALUES["hub"]["config"].items():
        cls = classes.get(section)
        if cls is None:  # an authenticator of the chart's hub image (not installed here)
            continue
        traits = cls.class_traits(config=True)
        assert set(settings) - set(traits) == set(), f"hub.config.{section}: not JupyterHub traits"
        checked += 1
    assert checked == 3


def test_z2jh_gives_each_student_their_own_files(monkeypatch):
    env = VALUES["singleuser"]["extraEnv"]
    for var in PER_USER:
        assert "{username}" in env[var], f"{var} is the same file for every student"
        assert env[var].startswith(VALUES["singleuser"]["storage"]["homeMountPath"] + "/"), "not on the home volume"
    # the names are the ones servicelab reads: set them and ask the library where it writes
    from servicelab.charts import _offline
    from servicelab.storage import progress

    monkeypatch.setenv("SERVICELAB_PROGRESS_DB", "/x/alice/progress.db")
    monkeypatch.setenv("SERVICELAB_CACHE", "/x/alice/cache")
    assert progress.default_db_path() == Path("/x/alice/progress.db")
    assert _offline._cache_dir() == Path("/x/alice/cache")


def test_z2jh_and_one_server_config_agree(tmp_path):
    cfg = _load_hub_config(tmp_path)
    su = VALUES["singleuser"]
    assert cfg.Spawner.default_url == su["defaultUrl"]
    assert (REPO / "notebooks" / Path(su["defaultUrl"]).relative_to("/lab/tree/notebooks")).is_file()
    assert Path(cfg.Spawner.cmd[-1]).name == Path(su["cmd"][-1]).name
    assert cfg.Spawner.mem_limit == su["memory"]["limit"]
    assert float(cfg.Spawner.cpu_limit) == float(su["cpu"]["limit"])
    culler = _value(cfg.JupyterHub.services, [])[0]["command"]
    assert f"--timeout={VALUES['cull']['timeout']}" in culler
    assert set(_value(cfg.Spawner.environment, {})) == set(su["extraEnv"])


# -- the one-server config ---------------------------------------------------------------------------

def test_one_server_config_alone_uses_systemd_and_a_culler_with_valid_scopes(tmp_path, monkeypatch):
    from jupyterhub.scopes import scope_definitions

    monkeypatch.delenv("SERVICELAB_HUB_TLJH", raising=False)
    assert importlib.util.find_spec("tljh") is None

    cfg = _load_hub_config(tmp_path)
    assert cfg.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    (service,) = _value(cfg.JupyterHub.services, [])
    (role,) = _value(cfg.JupyterHub.load_roles, [])
    assert service["command"][1:3] == ["-m", "jupyterhub_idle_culler"]
    assert importlib.util.find_spec("jupyterhub_idle_culler") is not None
    assert role["services"] == [service["name"]]
    assert set(role["scopes"]) <= set(scope_definitions)


def test_one_server_config_keeps_what_tljh_set(tmp_path, monkeypatch):
    # TLJH loads drop-in files with load_subconfig, which merges them over its own config: a file
    # that set a spawner or a culler would replace TLJH's user-creating spawner and its culler
    monkeypatch.setenv("SERVICELAB_HUB_TLJH", "1")
    tljh = ('c.JupyterHub.spawner_class = "tljh.user_creating_spawner.UserCreatingSpawner"\n'
            'c.JupyterHub.services.append({"name": "cull-idle", "command": ["cull"]})')
    cfg = _load_hub_config(tmp_path, tljh)
    assert cfg.JupyterHub.spawner_class == "tljh.user_creating_spawner.UserCreatingSpawner"
    assert [s["name"] for s in _value(cfg.JupyterHub.services, [])] == ["cull-idle"]  # no second culler
    assert "SERVICELAB_PROGRESS_DB" in _value(cfg.Spawner.environment, {})
    assert cfg.Spawner.default_url == VALUES["singleuser"]["defaultUrl"]


def _spawner(name: str, **attrs):
    return SimpleNamespace(user=SimpleNamespace(name=name, id=1), **attrs)


@pytest.mark.parametrize("kind", ["local", "systemd-dynamic", "systemd-accounts"])
def test_one_server_config_puts_each_student_in_their_own_folder(tmp_path, kind):
    import pwd

    env = _value(_load_hub_config(tmp_path).Spawner.environment, {})
    me = pwd.getpwuid(os.getuid())
    if kind == "local":  # SimpleLocalProcessSpawner: its own home per user
        make = lambda n: _spawner(n, home_dir=f"/tmp/h/{n}")  # noqa: E731
        expect = lambda n: f"/tmp/h/{n}/.servicelab"  # noqa: E731
    elif kind == "systemd-dynamic":
        make = lambda n: _spawner(n, dynamic_users=True)  # noqa: E731
        expect = lambda n: f"/var/lib/{n}/.servicelab"  # noqa: E731
    else:  # Unix accounts named by username_template (TLJH: jupyter-<name>); here: this test's own account
        make = lambda n: _spawner(n, dynamic_users=False, username_template=me.pw_name,  # noqa: E731
                                  _expand_user_vars=lambda s: s)
        expect = lambda n: f"{me.pw_dir}/.servicelab"  # noqa: E731
    for name in ("alice", "bob"):
        assert env["SERVICELAB_PROGRESS_DB"](make(name)) == f"{expect(name)}/progress.db"
        assert env["SERVICELAB_CACHE"](make(name)) == f"{expect(name)}/cache"


def test_user_dir_template_names_are_safe_and_distinct(tmp_path, monkeypatch):
    monkeypatch.setenv("SERVICELAB_HUB_USER_DIR", "/srv/servicelab/{username}")
    env = _value(_load_hub_config(tmp_path).Spawner.environment, {})
    names = ["alice", "a.b", "a.2eb", "../etc", "..", "张三", "x/y"]
    paths = [env["SERVICELAB_PROGRESS_DB"](_spawner(n)) for n in names]
    assert len(set(paths)) == len(names)
    for p in paths:
        rel = Path(p).relative_to("/srv/servicelab")
        assert len(rel.parts) == 2 and rel.parts[0] not in (".", "..") and rel.parts[1] == "progress.db"
    assert paths[0] == "/srv/servicelab/alice/progress.db"


def test_start_singleuser_copies_only_missing_notebooks(tmp_path):
    spec = importlib.util.spec_from_file_location("start_singleuser", DEPLOY / "start-singleuser.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    src, dst = tmp_path / "course", tmp_path / "home" / "notebooks"
    (src / ".ipynb_checkpoints").mkdir(parents=True)
    (src / "01.ipynb").write_text("new 01")
    (src / "02.ipynb").write_text("new 02")
    (src / ".ipynb_checkpoints" / "01-checkpoint.ipynb").write_text("x")
    dst.mkdir(parents=True)
    (dst / "01.ipynb").write_text("my answers")
    copied = mod.copy_missing(src, dst)
    assert copied == [dst / "02.ipynb"]
    assert (dst / "01.ipynb").read_text() == "my answers" and (dst / "02.ipynb").read_text() == "new 02"
    assert not (dst / ".ipynb_checkpoints").exists()
