"""A file-upload button that checks the file's size in the browser and sends it in small pieces.

ipywidgets' ``FileUpload`` sends the whole file in one websocket message. Jupyter's websocket
refuses messages above about 10 MB, and the upload then silently does nothing; and a file of any
size is sent before the kernel can say it is too big. :class:`UploadControl` fixes both:

* its JavaScript compares ``file.size`` with ``max_bytes`` *before reading the file*; an
  over-limit file is never sent, only its name and size, so the panel can show a translated error;
* an accepted file goes in 512 KB pieces (well under the websocket limit) and is reassembled in
  the kernel, which checks the size again (bytes received, not the size the page claims).

Everything runs offline: the JavaScript is the string below, no CDN. Messages are handled on
whichever thread the kernel uses for widget messages (JupyterLab's subshells included): the
control keeps no thread-bound state.
"""
from __future__ import annotations

from typing import Callable

import anywidget
import traitlets

CHUNK_BYTES = 512 * 1024

_ESM = r"""
const CHUNK = %(chunk)d;

function render({ model, el }) {
  el.classList.add("sl-upload");
  const input = document.createElement("input");
  input.type = "file";
  input.style.display = "none";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-widgets jupyter-button widget-button sl-upload-button";
  const sync = () => {
    input.accept = model.get("accept");
    button.textContent = model.get("description");
    button.title = model.get("hint");
    button.setAttribute("aria-label", model.get("description") + " — " + model.get("hint"));
    button.disabled = model.get("disabled");
  };
  sync();
  model.on("change:description", sync);
  model.on("change:hint", sync);
  model.on("change:accept", sync);
  model.on("change:disabled", sync);
  button.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    input.value = "";  // choosing the same file again fires "change" again
    if (!file) return;
    if (file.size > model.get("max_bytes")) {  // checked before a single byte is read
      model.send({ event: "too_large", name: file.name, size: file.size });
      return;
    }
    const id = String(Date.now()) + "-" + String(Math.random()).slice(2);
    model.send({ event: "start", id, name: file.name, size: file.size });
    for (let offset = 0; offset < file.size; offset += CHUNK) {
      const piece = await file.slice(offset, offset + CHUNK).arrayBuffer();
      model.send({ event: "chunk", id, offset }, undefined, [piece]);
    }
    model.send({ event: "end", id, name: file.name, size: file.size });
  });
  el.append(button, input);
}

export default { render };
""" % {"chunk": CHUNK_BYTES}


class UploadControl(anywidget.AnyWidget):
    """Upload button: size-checked in the browser, sent in pieces, reassembled here.

    Parameters
    ----------
    on_file : callable
        ``on_file(data: bytes, name: str)`` once a whole file has arrived.
    on_refused : callable
        ``on_refused(name: str, size: int)`` for a file above ``max_bytes`` (checked in the
        browser before sending, and again here on the bytes received).
    max_bytes : int
        Largest file accepted.
    description, hint, accept : str
        Button text, tooltip (say the limit here too) and the file chooser's ``accept`` filter.

    Notes
    -----
    Messages from the page: ``too_large`` (name, size) for a file refused in the browser;
    ``start`` (id, name, size), then ``chunk`` (id, offset) with one binary buffer each, then
    ``end`` (id). A file is accepted when :math:`size \\le max\\_bytes`, both as declared and as
    received.

    Examples
    --------
    What the page sends for a 5-byte file, and for one above the limit:

    >>> got, refused = [], []
    >>> up = UploadControl(lambda data, name: got.append((name, data)), lambda name, size: refused.append((name, size)),
    ...                    max_bytes=8)
    >>> up._handle(up, {"event": "start", "id": "1", "name": "a.csv", "size": 5}, [])
    >>> up._handle(up, {"event": "chunk", "id": "1", "offset": 0}, [b"id,E"])
    >>> up._handle(up, {"event": "chunk", "id": "1", "offset": 4}, [b"1"])
    >>> up._handle(up, {"event": "end", "id": "1"}, [])
    >>> up._handle(up, {"event": "too_large", "name": "big.csv", "size": 9}, [])
    >>> got, refused
    ([('a.csv', b'id,E1')], [('big.csv', 9)])
    """

    _esm = _ESM
    description = traitlets.Unicode("").tag(sync=True)
    hint = traitlets.Unicode("").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    max_bytes = traitlets.Int(0).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(self, on_file: Callable[[bytes, str], None], on_refused: Callable[[str, int], None], *,
                 max_bytes: int, description: str = "", hint: str = "", accept: str = "", **kwargs) -> None:
        super().__init__(max_bytes=int(max_bytes), description=description, hint=hint, accept=accept, **kwargs)
        self._on_file, self._on_refused = on_file, on_refused
        self._pending: dict | None = None
        self.on_msg(self._handle)

    def _handle(self, _widget, content, buffers) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        name = str(content.get("name", "")) if isinstance(content, dict) else ""
        if event == "too_large":
            self._pending = None
            self._on_refused(name, int(content.get("size", 0)))
        elif event == "start":
            size = int(content.get("size", 0))
            if size > self.max_bytes:
                self._pending = None
                self._on_refused(name, size)
            else:
                self._pending = {"id": content.get("id"), "name": name, "data": bytearray()}
        elif event == "chunk" and self._pending is not None and content.get("id") == self._pending["id"]:
            for piece in buffers or []:
                self._pending["data"] += bytes(piece)
            if len(self._pending["data"]) > self.max_bytes:  # the page under-declared the size
                name, size = self._pending["name"], len(self._pending["data"])
                self._pending = None
                self._on_refused(name, size)
        elif event == "end" and self._pending is not None and content.get("id") == self._pending["id"]:
            done, self._pending = self._pending, None
            self._on_file(bytes(done["data"]), done["name"] or name)
