"""The instructor's demo server (``make demo``): Voilà, locked to this computer, offline, tidy.

``python -m servicelab.demo [NOTEBOOK_OR_FOLDER] [Voilà options]`` starts Voilà (0.5) with

* **a token.** A fresh random token each start (or ``$SERVICELAB_DEMO_TOKEN``); the tokenised URL
  is printed and opened in the instructor's browser when there is one (through a private temporary
  redirect file, so the token does not appear on a command line). A request without the token is
  sent to the login page; the kernel websocket refuses it.
* **local host names only.** Voilà 0.5 hard-codes ``allow_remote_access=True`` in its tornado
  settings, so jupyter_server's ``Host`` check (``ServerApp.allow_remote_access`` /
  ``local_hostnames``) is off and a page on a foreign host name (DNS rebinding) could drive the
  widgets. :class:`DemoVoila` turns the check back on (``allow_remote_access=False``,
  ``local_hostnames=["localhost"]``; loopback addresses pass) *and* registers every handler for
  the host names ``localhost`` / ``127.0.0.1`` only, so a foreign ``Host`` header gets 403 or 404
  even from the static-file handlers, which do no checks of their own. The server binds 127.0.0.1.
* **idle-kernel culling.** Voilà starts a kernel per page load and its shutdown request on page
  unload is refused (a known Voilà bug), so every reload leaked a kernel (~110 MB each). Kernels
  with no page connected and idle for :data:`CULL_IDLE_TIMEOUT` seconds are shut down (checked
  every :data:`CULL_INTERVAL` seconds). ``cull_connected`` and ``cull_busy`` stay off, so the page
  being projected is never culled however long it sits idle, and neither is a running computation.
  Five minutes is long enough for a page to reconnect after a short network or sleep interruption
  (Voilà's page reconnects to the same kernel) and short enough that an afternoon of reloads keeps
  at most a few minutes' worth of kernels.
* **no CDN.** The ``servicelab`` Voilà template (``share/voila/templates/servicelab`` here) is
  Voilà's ``lab`` template without its links to cdn.jsdelivr.net (Font Awesome 5 on notebook
  pages, Font Awesome 4.5 in ``page.html``, the frame of the tree and error pages) and without
  nbconvert's mermaid loader from cdnjs; Voilà's own bundled stylesheet already carries Font
  Awesome, so the icons still draw.

* **a light page.** Responses are gzip-compressed (``compress_response``: Voilà's JavaScript, CSS
  and widget extensions, 5.5 MB for chapter 02, travel as 1.6 MB) and the kernel websocket uses permessage-deflate. Voilà's static
  files already carry an ``ETag`` (a reload revalidates them: ``304 Not Modified``, no body) and
  the versioned ones (``?v=…``) ``Cache-Control: max-age`` (not even asked again).

* **the instructor's start page.** Serving a folder that holds :data:`START_PAGE` (the notebooks
  folder has ``instructor_demos.ipynb``), the printed and opened URL is that page: every chapter's
  lecture demos, each a bookmarkable link ``CHAPTER.ipynb?lang=…&preset=…`` (:mod:`servicelab.presenter`).

Any other Voilà option may follow, e.g. ``--MappingKernelManager.cull_idle_timeout=60`` or
``--no-browser``; the bind address and the token cannot be turned off.
"""
from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

#: Seconds a kernel with no page connected may stay idle before it is shut down.
CULL_IDLE_TIMEOUT = 300
#: Seconds between two checks for idle kernels.
CULL_INTERVAL = 60
#: The only host names (besides loopback addresses) the demo server answers.
LOCAL_HOSTNAMES = ("localhost",)
#: Name of the Voilà template shipped in this package.
TEMPLATE = "servicelab"
SHARE_DIR = Path(__file__).resolve().with_name("share")
TOKEN_ENV = "SERVICELAB_DEMO_TOKEN"
#: The instructor's start page, opened by ``make demo`` when the served folder has it.
START_PAGE = "instructor_demos.ipynb"


def demo_config(token: str):
    """The demo server's default configuration (command-line options override it).

    Parameters
    ----------
    token : str
        The access token pages must present (``?token=…`` once; a cookie afterwards).

    Returns
    -------
    traitlets.config.Config
        Voilà, kernel-manager and template settings described in the module docs.

    Examples
    --------
    >>> cfg = demo_config("abc")
    >>> cfg.Voila.ip, cfg.MappingKernelManager.cull_idle_timeout, cfg.VoilaConfiguration.template
    ('127.0.0.1', 300, 'servicelab')
    """
    from traitlets.config import Config

    cfg = Config()
    cfg.Voila.ip = "127.0.0.1"
    cfg.Voila.token = token
    cfg.VoilaConfiguration.template = TEMPLATE
    cfg.VoilaConfiguration.extension_denylist = ["jupyterlab-jupytext"]
    cfg.MappingKernelManager.cull_idle_timeout = CULL_IDLE_TIMEOUT
    cfg.MappingKernelManager.cull_interval = CULL_INTERVAL
    cfg.MappingKernelManager.cull_connected = False
    cfg.MappingKernelManager.cull_busy = False
    return cfg


def _host_pattern() -> str:
    import re

    names = [*LOCAL_HOSTNAMES, "127.0.0.1"]
    return "(" + "|".join(re.escape(n) for n in names) + ")$"


def _demo_app_class():
    import tempfile
    import webbrowser
    from urllib.parse import urljoin
    from urllib.request import pathname2url

    import tornado.web
    from voila.app import Voila

    class DemoVoila(Voila):
        """Voilà with the token, Host check, bind address and browser opening of the demo."""

        def initialize(self, argv=None):
            self._open_instructor_browser = None
            super().initialize(argv)
            self.ip = "127.0.0.1"  # never another interface
            if not self.token:  # ``--token=`` cannot switch authentication off
                self.token = secrets.token_urlsafe(24)
            # Voilà opens the browser only on its bare URL; we open the tokenised one ourselves
            self._open_instructor_browser, self.open_browser = self.open_browser, True

        def init_settings(self):
            settings = super().init_settings()
            settings["allow_remote_access"] = False  # Voilà hard-codes True
            settings["local_hostnames"] = list(LOCAL_HOSTNAMES)
            # gzip for every text response (tornado adds its GZipContentEncoding transform only when the
            # Application is built with this setting, so it must be here, not in tornado_settings later)
            settings["compress_response"] = True
            # and permessage-deflate on the kernel websocket (widget state and outputs are JSON)
            settings["websocket_compression_options"] = {}
            return settings

        def start(self):
            # Voilà.start, with the handlers registered for local host names only
            self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
            settings = self.init_settings()
            self.app = tornado.web.Application(**settings)
            self.app.settings.update(self.tornado_settings)
            self.app.add_handlers(_host_pattern(), self.init_handlers())
            self.listen()

        @property
        def demo_url(self) -> str:
            page = ""
            if not self.notebook_path and (Path(self.root_dir) / START_PAGE).is_file():
                page = f"voila/render/{START_PAGE}"  # the instructor's start page
            return f"http://127.0.0.1:{self.port}{self.base_url}{page}?token={self.token}"

        def launch_browser(self):  # called by Voilà once the port is bound
            idle = self.kernel_manager.cull_idle_timeout
            culling = (f"kernels idle with no page open are shut down after {idle} s" if idle > 0
                       else "idle kernels are NOT shut down (cull_idle_timeout <= 0)")
            print(f"\nservicelab demo: open {self.demo_url}\n  ({culling}; Ctrl-C stops the server)\n", flush=True)
            if not self._open_instructor_browser:
                return
            try:
                browser = webbrowser.get(self.browser or None)
            except webbrowser.Error:
                print("servicelab demo: no web browser found — open the URL above.", flush=True)
                return
            fd, path = tempfile.mkstemp(suffix=".html", prefix="servicelab-demo-")  # mode 0600
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={self.demo_url}">'
                         f'<a href="{self.demo_url}">servicelab demo</a>\n')
            self._redirect_file = path
            browser.open(urljoin("file:", pathname2url(path)), new=self.webbrowser_open_new)

        def stop(self):
            try:
                super().stop()
            finally:
                path = getattr(self, "_redirect_file", None)
                if path:
                    Path(path).unlink(missing_ok=True)

    return DemoVoila


def main(argv: list[str] | None = None) -> None:
    """Run the demo server (blocks until Ctrl-C); ``argv`` as Voilà's command line."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # the package's template folder comes first on Jupyter's data path (read by Voilà, not kernels' concern)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE_DIR), os.environ.get("JUPYTER_PATH")) if p)
    token = os.environ.pop(TOKEN_ENV, "") or secrets.token_urlsafe(24)  # not passed on to kernels
    _demo_app_class().launch_instance(argv, config=demo_config(token))
