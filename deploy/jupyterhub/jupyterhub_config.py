"""JupyterHub for a class on one server (The Littlest JupyterHub style) — servicelab.

Use it either way (deploy/jupyterhub/README.md says how, step by step):

* **With The Littlest JupyterHub (TLJH)**: a drop-in
  ``/opt/tljh/config/jupyterhub_config.d/servicelab.py`` holding the one line
  ``load_subconfig("/opt/servicelab/deploy/jupyterhub/jupyterhub_config.py")`` (the repository's
  copy of this file), then ``sudo tljh-config reload``.
  TLJH's own spawner (systemd, one Unix user ``jupyter-<name>`` per student), its idle culler and
  its authenticator are kept (``UNDER_TLJH``); this file adds what servicelab needs.
* **Plain JupyterHub**: ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` as root, with
  ``jupyterhub-systemdspawner`` installed: the same systemd spawner TLJH uses, plus the idle
  culler below.

What it sets
------------
* Each student's servicelab files in that student's own folder (``USER_DIR``, by default
  ``<home>/.servicelab``): ``SERVICELAB_PROGRESS_DB`` (the exam-prep progress, SQLite) and
  ``SERVICELAB_CACHE`` (the offline chart bundle cache), given to every single-user server in
  ``Spawner.environment``. JupyterHub 6.1 does not format ``{username}`` in
  ``Spawner.environment`` (only KubeSpawner expands it), so the values are callables, called with
  the spawner when a server starts.
* Students land on ``notebooks/00_start_here.ipynb`` in JupyterLab; the single-user server is
  started by ``start-singleuser.py`` (next to this file), which copies the course notebooks into
  the student's home on first start (never over the student's own copies).
* Resource limits per student (memory, CPU; enforced by the systemd and Kubernetes spawners) and
  an idle culler (servers idle for an hour are stopped).

The folder, limits and cull timeout can be changed by the environment of the hub process
(``SERVICELAB_HUB_*``, below), anything by a config file loaded after this one; the repository's test ``tests/deploy/test_jupyterhub.py`` loads this
file and overrides only the spawner, the authenticator and the addresses.
"""
from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads a config file

HERE = Path(__file__).resolve().parent
#: The repository (its notebooks are copied into each student's home on first start).
REPO = Path(os.environ.get("SERVICELAB_REPO", HERE.parents[1]))
#: Each student's servicelab folder. ``{home}``: the student's home folder as the spawner sets it;
#: ``{username}``: the hub user name, made safe for a file name (see :func:`safe_name`).
USER_DIR = os.environ.get("SERVICELAB_HUB_USER_DIR", "{home}/.servicelab")
MEM_LIMIT = os.environ.get("SERVICELAB_HUB_MEM_LIMIT", "1G")
CPU_LIMIT = float(os.environ.get("SERVICELAB_HUB_CPU_LIMIT", "1"))
#: Seconds without activity after which a student's server is stopped (progress is already saved:
#: every answer is committed when it is given).
CULL_TIMEOUT = int(os.environ.get("SERVICELAB_HUB_CULL_TIMEOUT", "3600"))
#: Loaded by The Littlest JupyterHub (its ``tljh`` package is in the hub's environment)? Then its
#: spawner and its idle culler (``tljh-config set services.cull.timeout …``) are kept.
#: ``SERVICELAB_HUB_TLJH=1`` / ``0`` decides instead.
UNDER_TLJH = (os.environ["SERVICELAB_HUB_TLJH"] == "1" if os.environ.get("SERVICELAB_HUB_TLJH")
              else importlib.util.find_spec("tljh") is not None)


def safe_name(name: str) -> str:
    """``name`` as one safe path component: ``[a-z0-9_-]`` kept, every other byte as ``.xx`` (hex).

    Distinct names stay distinct (``.`` only starts an escape), and no result is ``.``/``..`` or
    contains ``/``.
    """
    return "".join(ch if re.fullmatch(r"[A-Za-z0-9_-]", ch) else "".join(f".{b:02x}" for b in ch.encode())
                   for ch in name)


def user_home(spawner) -> str:
    """The student's home folder as ``spawner`` will set it (systemd, TLJH, local processes)."""
    import pwd

    if getattr(spawner, "home_dir", ""):  # SimpleLocalProcessSpawner (tests)
        return spawner.home_dir
    if getattr(spawner, "dynamic_users", False):  # SystemdSpawner with DynamicUser=yes
        return f"/var/lib/{spawner.user.name}"
    template = getattr(spawner, "username_template", None)  # SystemdSpawner; TLJH sets jupyter-<name>
    expand = getattr(spawner, "_expand_user_vars", None)
    system_name = expand(template) if template and expand else spawner.user.name
    try:
        return pwd.getpwnam(system_name).pw_dir
    except KeyError:
        raise RuntimeError(f"servicelab: no Unix user {system_name!r} for hub user {spawner.user.name!r}; "
                           "set SERVICELAB_HUB_USER_DIR (e.g. /srv/servicelab/{username})") from None


def user_dir(spawner) -> Path:
    """This student's servicelab folder (``USER_DIR`` filled in)."""
    fields = {"username": safe_name(spawner.user.name)}
    if "{home}" in USER_DIR:
        fields["home"] = user_home(spawner)
    return Path(USER_DIR.format(**fields))


def progress_db(spawner) -> str:
    return str(user_dir(spawner) / "progress.db")


def chart_cache(spawner) -> str:
    return str(user_dir(spawner) / "cache")


# -- the single-user servers ---------------------------------------------------------------------
c.Spawner.environment.update({
    "SERVICELAB_PROGRESS_DB": progress_db,
    "SERVICELAB_CACHE": chart_cache,
    "SERVICELAB_NOTEBOOKS": str(REPO / "notebooks"),  # what start-singleuser.py copies
})
c.Spawner.cmd = ["python3", str(HERE / "start-singleuser.py")]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/lab/tree/notebooks/00_start_here.ipynb"
# a class logging in at once on a small server: give slow starts time
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120
c.Spawner.mem_limit = MEM_LIMIT
c.Spawner.cpu_limit = CPU_LIMIT

# -- spawner and culler: TLJH's own under TLJH, else the same kind ---------------------------------
# (TLJH loads this file with load_subconfig, which cannot see what TLJH set: hence the switch.)
if not UNDER_TLJH:
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    # no Unix account to create per student: systemd makes one for each server (home and state in
    # /var/lib/<name>, kept between logins). With accounts of your own instead, set
    # dynamic_users = False and username_template (TLJH's are "jupyter-<name>").
    c.SystemdSpawner.dynamic_users = True
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
    c.JupyterHub.services.append({
        "name": "servicelab-idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_TIMEOUT}",
                    "--cull-every=300", "--concurrency=5"],
    })
    c.JupyterHub.load_roles.append({
        "name": "servicelab-idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["servicelab-idle-culler"],
    })
