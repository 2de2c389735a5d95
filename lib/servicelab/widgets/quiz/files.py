"""The export / import / reset tab: progress as JSON, the bank as jupyterquiz JSON, start over."""
from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as W

from ...errors import ServiceLabError
from ...i18n import t
from ...io.jupyterquiz import write_jupyterquiz
from ...storage.progress import RESET_TOKEN, resolve_export_path
from ..common import guarded, html_widget
from .card import _box, _button, _html, _saves


class FilesTab:
    """Export / import / reset (:mod:`servicelab.storage.progress`, :mod:`servicelab.io.jupyterquiz`).

    Part of :class:`~servicelab.widgets.quiz.panel.ExamPrep`, which supplies ``lang``, ``bank``,
    ``store``, ``rng``, ``clock``, ``titles``, ``_card`` and ``refresh_dashboard``.
    """

    def export_folders(self) -> list[Path]:
        """The folders the export tab may write to: the learner's data folder (the progress file's
        folder, or ``platformdirs.user_data_dir("servicelab")``), then the user's Downloads and
        Documents folders when they exist. Nothing else — no typed path — is ever written."""
        import platformdirs

        folders: list[Path] = []
        candidates = [lambda: self.path.parent if self.path is not None else
                      Path(platformdirs.user_data_dir("servicelab", appauthor=False)),
                      platformdirs.user_downloads_dir, platformdirs.user_documents_dir]
        for i, find in enumerate(candidates):
            try:
                folder = Path(find()).expanduser()
                if (i == 0 or folder.is_dir()) and folder not in folders:
                    folders.append(folder)
            except (OSError, RuntimeError):  # no home folder: that choice is not offered
                continue
        return folders

    def _file_pane(self) -> W.VBox:
        lang = self.lang
        style = {"description_width": "initial"}
        where = html_widget(_html(t("quizui.file.where", lang, path=str(self.store.path)) if _saves(self.store)
                             else t("quizui.file.not_saved", lang)))
        folders = self.export_folders()
        labels = ["quizui.file.folder_data", "quizui.file.folder_other"]
        self.export_folder = W.Dropdown(
            options=[(t(labels[min(i, 1)], lang, path=str(f)), str(f)) for i, f in enumerate(folders)],
            description=t("quizui.file.folder", lang), style=style, layout=W.Layout(width="95%"))
        self.export_folder.add_class("sl-quiz-export-folder")
        self.export_name = W.Text(value="progress-export.json", description=t("quizui.file.export_name", lang),
                                  style=style, layout=W.Layout(width="60%"))
        self.export_name.add_class("sl-quiz-export-name")
        export = _button("quizui.file.export", "sl-quiz-export", lang, icon="download")
        export.on_click(lambda _b: self.export_progress())
        self.upload = W.FileUpload(accept=".json", multiple=False, description=t("quizui.file.import", lang),
                                   layout=W.Layout(width="auto"))
        self.upload.add_class("sl-quiz-import")
        self.upload.observe(self._on_upload, names="value")
        self.reset_confirm = W.Text(placeholder="",
                                    description=t("quizui.file.reset_prompt", lang, token=RESET_TOKEN),
                                    style=style, layout=W.Layout(width="95%"))
        self.reset_confirm.add_class("sl-quiz-reset-confirm")
        reset = _button("quizui.file.reset", "sl-quiz-reset", lang, button_style="danger", icon="trash")
        reset.on_click(lambda _b: self.reset_progress())
        self.file_status = _box("sl-quiz-file-status")
        self.jq_name = W.Text(value=f"quiz-jupyterquiz-{lang}.json", description=t("quizui.file.jq_name", lang),
                              style=style, layout=W.Layout(width="60%"))
        self.jq_name.add_class("sl-quiz-jq-name")
        self.jq_lang = W.Dropdown(options=[(t("quizui.file.lang_zh", lang), "zh"), (t("quizui.file.lang_en", lang), "en")],
                                  value=lang, description=t("quizui.file.jq_lang", lang),
                                  style=style)
        self.jq_lang.add_class("sl-quiz-jq-lang")
        jq = _button("quizui.file.jq_export", "sl-quiz-jq-export", lang, icon="file-code-o")
        jq.on_click(lambda _b: self.export_jupyterquiz())
        return W.VBox([where, self.export_folder, self.export_name, export, self.upload, html_widget("<hr>"),
                       html_widget(_html(t("quizui.file.jq_explain", lang))), self.jq_name, self.jq_lang, jq,
                       html_widget("<hr>"), self.reset_confirm, reset, self.file_status])

    def _export_target(self, name: str) -> Path:
        """``name`` inside the folder chosen in the list — refused (translated) if it is anything but a
        plain ``.json`` file name, or if the folder is not one of :meth:`export_folders`."""
        folders = {str(f) for f in self.export_folders()}
        folder = self.export_folder.value
        if folder is None or str(folder) not in folders:
            raise ServiceLabError("progress.error.outside_folder", name=name, folder=str(folder))
        return resolve_export_path(name, folder)

    @guarded()
    def export_progress(self) -> dict:
        """Write the progress export (JSON) under the typed file name into the chosen folder."""
        path = self._export_target(self.export_name.value)
        doc = self.store.export_json(path)
        self.file_status.value = _html(t("quizui.file.exported", self.lang, answers=len(doc["answers"]),
                                         cards=len(doc["card_reviews"]), path=str(path)))
        return doc

    @guarded()
    def export_jupyterquiz(self):
        """Write the bank's auto-marked questions as a jupyterquiz JSON file (:mod:`servicelab.io.jupyterquiz`).

        Uses the folder, the file name and the language in the export tab; term / short / essay /
        case questions are skipped (jupyterquiz cannot mark free text), counted in the message and
        named by type in a note (:meth:`servicelab.io.jupyterquiz.JupyterQuizExport.note`).
        """
        path = self._export_target(self.jq_name.value)
        export = write_jupyterquiz(self.bank, path, self.jq_lang.value)
        self.file_status.value = _html(t("quizui.file.jq_exported", self.lang, n=len(export.questions),
                                         skipped=len(export.skipped), path=str(path))
                                       + ("<br>" + _html(export.note(self.lang)) if export.skipped else ""))
        return export

    def _on_upload(self, change) -> None:
        files = change["new"]
        if files:
            f = files[0]
            self.import_progress(f["name"], bytes(f["content"]))

    @guarded()
    def import_progress(self, name: str, content: bytes) -> int:
        """Merge an uploaded export into the progress file; returns the number of new records."""
        try:
            doc = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ServiceLabError("progress.error.bad_export", file=name, detail=str(exc)) from exc
        if not isinstance(doc, dict):
            raise ServiceLabError("quizui.error.export_not_object", file=name)
        added = self.store.import_json(doc)
        self.file_status.value = _html(t("quizui.file.imported", self.lang, file=name, added=added))
        self.refresh_dashboard()
        return added

    @guarded()
    def reset_progress(self) -> None:
        """Delete all progress — only when the confirmation box holds the token (``RESET``)."""
        if self.reset_confirm.value.strip() != RESET_TOKEN:  # say it in the panel's words, not the API's
            raise ServiceLabError("quizui.file.reset_type_token", token=RESET_TOKEN)
        self.store.reset(confirm=RESET_TOKEN)
        self.reset_confirm.value = ""
        self.file_status.value = _html(t("quizui.file.reset_done", self.lang))
        self.refresh_dashboard()
