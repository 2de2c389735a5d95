"""Read a class SERVQUAL survey from a CSV, text or Excel (``.xlsx``) file.

The wide format (one row per respondent)
----------------------------------------
==================  ===========================================================================
column              meaning
==================  ===========================================================================
``E1`` … ``E22``    expectation ratings, whole numbers on the survey's scale, 1–7 by default
                    (``read_survey(scale=(1, 9))`` for a 9-point survey) (required)
``P1`` … ``P22``    perception ratings, same scale (required)
``id``              respondent id (optional; also ``respondent``, ``respondent_id``, 编号, 序号,
                    学号, 學號, 答卷编号); must be unique
``W1`` … ``W5``     optional 100-point allocation over tangibles, reliability, responsiveness,
                    assurance, empathy (in that order); each row must sum to 100
anything else       ignored and reported (timestamps, names, 问卷星's 提交答卷时间 …)
==================  ===========================================================================

Column names are matched after Unicode NFKC normalisation, trimming and ignoring case, so
``e1``, ``Ｅ１`` and `` E1 `` all work.

Files
-----
* **Excel workbooks** (``.xlsx``, recognised by content): the first sheet, its first non-empty
  row the header; row numbers in messages are the sheet's row numbers. Old binary ``.xls`` files
  are refused with a request to save as ``.xlsx`` or CSV.
* **Text**: the separator (comma, tab or semicolon) is read from the header line, which is the
  first non-blank line. With a tab or semicolon separator a decimal comma (``5,5``, as European
  Excel writes it) is read as a decimal mark.
* **Encodings**: UTF-8 (with or without BOM); UTF-16 with a BOM (Excel's "Unicode text", tab
  separated, and UTF-16 CSV) or without one (recognised by its zero bytes); GBK/GB18030 (Chinese
  Excel, 问卷星); Big5 (traditional Chinese) — told apart from GBK by its byte pattern; Windows-1252
  (Western European Excel), recognised when the non-ASCII bytes stand alone between ASCII letters.
  :attr:`SurveyReport.encoding` says which was used.
* **Rows**: every row must have as many fields as the header (empty fields after the last
  column, i.e. trailing separators, are allowed); a row with more or fewer fields is refused with
  its line number, so an unquoted comma in a name can never shift a respondent's ratings.
* **Line numbers** in messages are the file's line numbers, blank lines counted (the header's line
  is the first non-blank line).
* Files above :data:`MAX_BYTES` (50 MB) are refused before parsing, whether given as a path, bytes
  or a file-like object.

Missing values
--------------
An empty cell (or ``NA``) is a missing rating. It is kept as NaN: the item gap is missing for that
respondent, the dimension gap uses the items present, and Cronbach's alpha drops the respondent
for that scale only (listwise within a scale). Rows with no rating at all are dropped. The
:class:`SurveyReport` says how many cells were missing in which column and which rows were dropped.
A weight row that is entirely empty is treated as "no weights for this respondent".
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ..models.servqual import DIMENSIONS, E_COLUMNS, N_ITEMS, P_COLUMNS, SCALE_MAX, SCALE_MIN, rating_scale

W_COLUMNS = tuple(f"W{i}" for i in range(1, len(DIMENSIONS) + 1))
ID_ALIASES = {"ID", "RESPONDENT", "RESPONDENT_ID", "RESPONDENTID", "编号", "序号", "答卷编号", "学号", "學號"}
#: Largest survey file read (bytes), for paths, bytes and file-like objects alike.
MAX_BYTES = 50 * 1024 * 1024
_MAX_XLSX_UNPACKED = 8 * MAX_BYTES  # an .xlsx is a zip: refuse one that unpacks to more
_NA = {"", "NA", "N/A", "NAN", "-", "—"}


@dataclass
class SurveyReport:
    """What :func:`read_survey` found and did.

    Attributes
    ----------
    file : str
        Name of the file read (``"<upload>"`` for a buffer without a name).
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"`` (with BOM), ``"utf-16"`` (with BOM), ``"utf-16-le"`` /
        ``"utf-16-be"`` (without), ``"gb18030"``, ``"big5"``, ``"cp1252"``, or ``"xlsx"`` for an
        Excel workbook.
    n_rows : int
        Data rows in the file (blank lines not counted).
    n_respondents : int
        Respondents kept.
    ignored_columns : list of str
        Columns that are not part of the format.
    missing_cells : dict
        Column → number of missing ratings in it (only columns with any).
    dropped_rows : list of int
        File line numbers (blank lines counted) of rows dropped because they held no rating.
    separator : str
        Column separator of a text file (``","``, ``"\\t"``, ``";"``); ``""`` for a workbook.
    scale : (int, int)
        The rating scale the file was checked against.
    """

    file: str
    encoding: str
    n_rows: int
    n_respondents: int
    ignored_columns: list[str] = field(default_factory=list)
    missing_cells: dict[str, int] = field(default_factory=dict)
    dropped_rows: list[int] = field(default_factory=list)
    separator: str = ","
    scale: tuple[int, int] = (SCALE_MIN, SCALE_MAX)

    @property
    def n_missing(self) -> int:
        """Total number of missing ratings."""
        return int(sum(self.missing_cells.values()))

    def summary_lines(self, lang: str = "zh") -> list[str]:
        """What was read, in ``lang``: respondents and encoding, then missing, dropped, ignored.

        Examples
        --------
        >>> SurveyReport("a.csv", "utf-8", 3, 3).summary_lines("en")
        ['a.csv: 3 respondents, encoding utf-8']
        """
        from ..i18n import t

        lines = [t("survey.label.summary", lang, file=self.file, n=self.n_respondents, encoding=self.encoding)]
        if tuple(self.scale) != (SCALE_MIN, SCALE_MAX):
            lines.append(t("survey.label.scale", lang, low=self.scale[0], high=self.scale[1]))
        if self.n_missing:
            lines.append(t("survey.label.missing", lang, n=self.n_missing))
        if self.dropped_rows:
            lines.append(t("survey.label.dropped", lang, rows=", ".join(map(str, self.dropped_rows[:20]))))
        if self.ignored_columns:
            lines.append(t("survey.label.ignored", lang, columns=", ".join(self.ignored_columns[:20])))
        return lines


@dataclass
class Survey:
    """A validated SERVQUAL survey.

    Attributes
    ----------
    responses : pandas.DataFrame
        Index: respondent id. Columns ``E1``–``E22``, ``P1``–``P22`` (float, NaN = missing).
        ``responses.attrs["scale"]`` holds the rating scale, so the models in
        :mod:`servicelab.models.servqual` check the ratings against it.
    weights : pandas.DataFrame or None
        Columns named after :data:`servicelab.models.servqual.DIMENSIONS` (points out of 100),
        or None when the file has no weight columns.
    report : SurveyReport
    lang : str
        Language given to :func:`read_survey` (for :meth:`summary_lines`).
    """

    responses: pd.DataFrame
    weights: pd.DataFrame | None
    report: SurveyReport
    lang: str = "zh"

    @property
    def scale(self) -> tuple[int, int]:
        """The rating scale ``(low, high)`` the survey was read with."""
        return tuple(self.report.scale)

    def summary_lines(self) -> list[str]:
        """:meth:`SurveyReport.summary_lines` in the survey's language."""
        return self.report.summary_lines(self.lang)

    @property
    def expectations(self) -> pd.DataFrame:
        return self.responses.loc[:, list(E_COLUMNS)]

    @property
    def perceptions(self) -> pd.DataFrame:
        return self.responses.loc[:, list(P_COLUMNS)]


def _too_large(name: str, size: int) -> ServiceLabError:
    mib = 1024 * 1024
    return ServiceLabError("survey.error.too_large", file=name, size=-(-size // mib), limit=MAX_BYTES // mib)


def _read_bytes(source, name: str | None = None) -> tuple[bytes, str]:
    """Bytes and a display name from a path, bytes, or a (binary or text) file-like object.

    The size limit holds for every kind of source: uploaded bytes are checked before anything
    else is done with them.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        size = memoryview(source).nbytes
        if size > MAX_BYTES:
            raise _too_large(name or "<upload>", size)
        return bytes(source), "<upload>"
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise ServiceLabError("survey.error.not_found", file=str(path))
        if path.stat().st_size > MAX_BYTES:
            raise _too_large(name or path.name, path.stat().st_size)
        return path.read_bytes(), path.name
    given = name
    name = Path(getattr(source, "name", "<upload>")).name if isinstance(getattr(source, "name", None), str) else "<upload>"
    data = source.read(MAX_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise _too_large(given or name, len(data))
    return data, name


def _check_text(text: str, name: str) -> None:
    """Refuse decoded text full of control characters (binary junk that happened to decode)."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t")
    if sample and controls / len(sample) > 0.01:
        raise ServiceLabError("survey.error.not_text", file=name)


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the zero bytes sit on one side of each byte pair."""
    even, odd = head[0::2], head[1::2]
    if not odd:
        return None
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.01:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.01:
        return "utf-16-be"
    return None


def _legacy_encoding(data: bytes) -> list[str]:
    """Single-/double-byte encodings to try, most likely first.

    Windows-1252 text has its non-ASCII bytes alone between ASCII letters (``Café``, ``Zoë``),
    and they are mostly letters (``0xC0–0xFF``) or quotes and dashes (``0x80–0x9F``); Chinese text
    has runs of them, and Big5's frequent first bytes are ``0xA4–0xC6``. GBK and Big5 share their byte structure, and each has a block of
    frequent characters: GB2312's symbols and level-1 hanzi (first byte ``0xA1–0xA9`` or
    ``0xB0–0xD7``, second ``0xA1–0xFE``) and Big5's symbols and frequent hanzi (first byte
    ``0xA1–0xC6``). The encoding under which more of the file's characters fall in its frequent
    block is tried first; GB18030 on a tie (it decodes nearly any bytes, so it must not simply be
    tried first).
    """
    sample = data[:262144]
    runs = [len(m) for m in re.findall(rb"[\x80-\xff]+", sample)]
    high = [b for b in sample if b >= 0x80]
    letters = sum(1 for b in high if b < 0xA0 or b >= 0xC0)  # cp1252 letters (À–ÿ) and quotes/dashes
    if runs and max(runs) <= 3 and sum(r == 1 for r in runs) >= 0.8 * len(runs) and letters >= 0.7 * len(high):
        return ["cp1252", "gb18030", "big5"]
    pairs = re.findall(rb"[\x81-\xfe][\x40-\x7e\x80-\xfe]", sample)
    gb = sum(1 for lead, trail in pairs if trail >= 0xA1 and (0xA1 <= lead <= 0xA9 or 0xB0 <= lead <= 0xD7) or lead == 0xA8)
    big5 = sum(1 for lead, trail in pairs if 0xA1 <= lead <= 0xC6 and (0x40 <= trail <= 0x7E or trail >= 0xA1))
    if big5 > gb:
        return ["big5", "gb18030", "cp1252"]
    return ["gb18030", "big5", "cp1252"]


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding used (see the module docstring for the order of the checks)."""
    if data.startswith(codecs.BOM_UTF8):
        tries = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        tries = ["utf-16"]
    elif b"\x00" in data[:65536]:
        found = _utf16_without_bom(data[:65536])
        if found is None:
            raise ServiceLabError("survey.error.not_text", file=name)
        tries = [found]
    else:
        tries = ["utf-8", *_legacy_encoding(data)]
    for enc in tries:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-8-sig":
            text = text.lstrip("\ufeff")
        elif enc.startswith("utf-16"):
            text = text.lstrip("\ufeff")
        _check_text(text, name)
        return text, enc
    raise ServiceLabError("survey.error.not_text", file=name)


def _column_key(col: str) -> str:
    """A header as the format knows it: NFKC, no spaces, upper case, ``E01`` → ``E1``."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(col))).upper()
    return re.sub(r"^([EPW])0*(\d+)$", r"\1\2", key)


def _sniff_sep(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", "\t", ";")}
    return max(counts, key=counts.get) if max(counts.values()) > 0 else ","


def _text_records(text: str, name: str) -> tuple[list[list[str]], list[int], str]:
    """Records of a text file, each record's starting file line, and the separator.

    Blank lines are skipped but counted, so the line numbers are the file's.
    """
    first = re.search(r"[^\s]", text)
    if first is None:
        raise ServiceLabError("survey.error.empty", file=name)
    line_start = text.rfind("\n", 0, first.start()) + 1
    header_line = re.split(r"\r\n|\r|\n", text[line_start:line_start + 1_000_000], maxsplit=1)[0]
    sep = _sniff_sep(header_line)
    # lines one at a time (ends kept, so quoted line breaks survive): no second copy of the text
    lines_iter = (m.group() for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text))
    reader = csv.reader(lines_iter, delimiter=sep)
    records, lines = [], []
    previous = 0
    try:
        for rec in reader:
            start, previous = previous + 1, reader.line_num
            if not rec or (len(rec) == 1 and not rec[0].strip()):
                continue  # a blank line
            records.append(rec)
            lines.append(start)
    except csv.Error:
        raise ServiceLabError("survey.error.bad_quote", file=name, row=reader.line_num) from None
    return records, lines, sep


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _xlsx_records(data: bytes, name: str) -> tuple[list[list[str]], list[int]]:
    """Rows of the workbook's first sheet as text, with their sheet row numbers (empty rows skipped)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        raise ServiceLabError("survey.error.xlsx_unreadable", file=name) from None
    if unpacked > _MAX_XLSX_UNPACKED:
        raise _too_large(name, unpacked)
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any failure means "not a workbook we can read"
        raise ServiceLabError("survey.error.xlsx_unreadable", file=name) from None
    try:
        if not book.worksheets:
            raise ServiceLabError("survey.error.empty", file=name)
        records, lines = [], []
        for number, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in row]
            while cells and not cells[-1].strip():
                cells.pop()
            if cells:
                records.append(cells)
                lines.append(number)
    finally:
        book.close()
    return records, lines


def read_survey(source, *, scale=(SCALE_MIN, SCALE_MAX), name: str | None = None, lang: str = "zh") -> Survey:
    """Read and validate a SERVQUAL class survey in the wide format (see module docs).

    Parameters
    ----------
    source : str, path, bytes or file-like
        The survey: a CSV or tab-separated text file (UTF-8, UTF-16, GBK/GB18030, Big5 or
        Windows-1252) or an Excel ``.xlsx`` workbook; at most :data:`MAX_BYTES`.
    scale : (int, int), default (1, 7)
        Allowed rating range, e.g. ``(1, 9)`` for a 9-point survey. It is kept with the survey
        (:attr:`Survey.scale`, ``responses.attrs["scale"]``), and the SERVQUAL models check the
        ratings against it.
    name : str, optional
        File name to use in messages (e.g. an uploaded file's name when ``source`` is bytes).
    lang : {"zh", "en"}, default "zh"
        Language of :meth:`Survey.summary_lines`. Errors carry both languages
        (:meth:`ServiceLabError.message`).

    Returns
    -------
    Survey
        Validated ratings, optional weights and a :class:`SurveyReport`.

    Raises
    ------
    ServiceLabError
        With a bilingual message naming the file, and the row (file line, blank lines counted)
        and column of the first problem: empty file; header only; missing E/P columns; a row
        with more or fewer fields than the header; a rating that is not a whole number or
        outside the scale; duplicate respondent ids; weights that are negative or do not sum to
        100; a file that is not text or a readable workbook; a file above 50 MB.

    Notes
    -----
    Each rating must satisfy :math:`low \\le x \\le high`, :math:`x` whole; weights
    :math:`\\sum_{d} W_d = 100`.

    Examples
    --------
    >>> header = ",".join(["id", *E_COLUMNS, *P_COLUMNS])
    >>> row = ",".join(["s1", *["9"] * 22, *["5"] * 22])
    >>> s = read_survey((header + "\\n" + row + "\\n").encode("utf-8"), scale=(1, 9))
    >>> s.report.n_respondents, float(s.perceptions.iloc[0, 0]), s.scale
    (1, 5.0, (1, 9))
    """
    from ..i18n import LANGUAGES

    if lang not in LANGUAGES:
        raise ServiceLabError("survey.error.lang", value=repr(lang), allowed=", ".join(LANGUAGES))
    low, high = _checked_scale(scale)
    data, found_name = _read_bytes(source, name)
    name = name or found_name
    if not data.strip():
        raise ServiceLabError("survey.error.empty", file=name)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ServiceLabError("survey.error.xls_old", file=name)
    if data.startswith(b"PK\x03\x04"):
        records, lines = _xlsx_records(data, name)
        encoding, sep = "xlsx", ""
        if not records:
            raise ServiceLabError("survey.error.empty", file=name)
    else:
        text, encoding = _decode(data, name)
        records, lines, sep = _text_records(text, name)

    header = [str(c).strip() for c in records[0]]
    while header and not header[-1]:
        header.pop()  # a trailing separator on the header line
    header = [h or f"({j + 1})" for j, h in enumerate(header)]
    seen: set[str] = set()
    for col in header:
        key = _column_key(col)
        if key and key in seen:
            raise ServiceLabError("survey.error.duplicate_column", file=name, column=col)
        seen.add(key)
    width = len(header)
    rows, row_lines = records[1:], np.asarray(lines[1:], dtype=int)
    for rec, line in zip(rows, row_lines):
        if len(rec) != width:
            if len(rec) > width and not any(f.strip() for f in rec[width:]):
                del rec[width:]  # trailing separators only
                continue
            raise ServiceLabError("survey.error.field_count", file=name, row=int(line), found=len(rec), expected=width)
    del records
    if width <= 1 and not any(_column_key(c) in E_COLUMNS for c in header):
        # one column only: almost certainly not our format at all
        raise ServiceLabError("survey.error.missing_columns", file=name, columns=_shorten([c for c in (*E_COLUMNS, *P_COLUMNS)]))

    norm = {_column_key(col): j for j, col in enumerate(header)}  # format name → column position
    missing = [c for c in (*E_COLUMNS, *P_COLUMNS) if c not in norm]
    if missing:
        raise ServiceLabError("survey.error.missing_columns", file=name, columns=_shorten(missing))
    if not rows:
        raise ServiceLabError("survey.error.no_rows", file=name)

    id_key = next((k for k in norm if k in ID_ALIASES), None)
    has_weights = any(w in norm for w in W_COLUMNS)
    if has_weights:
        absent = [w for w in W_COLUMNS if w not in norm]
        if absent:
            raise ServiceLabError("survey.error.missing_columns", file=name, columns=", ".join(absent))
    known = set(E_COLUMNS) | set(P_COLUMNS) | (set(W_COLUMNS) if has_weights else set()) | ({id_key} if id_key else set())
    ignored = [header[j] for k, j in norm.items() if k not in known and k]

    comma_decimal = sep != ","
    rating_cols = [*E_COLUMNS, *P_COLUMNS]
    ratings = _parse_numbers(rows, norm, rating_cols, row_lines, name, low, high, whole=True, comma_decimal=comma_decimal)
    weights = (_parse_numbers(rows, norm, list(W_COLUMNS), row_lines, name, 0, 100, whole=False, comma_decimal=comma_decimal)
               if has_weights else None)

    # ids
    if id_key:
        j = norm[id_key]
        ids = pd.Series([r[j].strip() or f"row{line}" for r, line in zip(rows, row_lines)], dtype=object)
        dup = ids.duplicated(keep=False)
        if dup.any():
            where = np.flatnonzero(dup.to_numpy())
            first = ids.iloc[where[0]]
            same = [int(row_lines[r]) for r in where if ids.iloc[r] == first]
            raise ServiceLabError("survey.error.duplicate_id", file=name, id=first, rows=", ".join(map(str, same[:5])))
    else:
        ids = pd.Series([f"R{i + 1:03d}" for i in range(len(rows))], dtype=object)
    n_rows = len(rows)
    del rows

    # drop rows without any rating
    empty_rows = np.isnan(ratings).all(axis=1)
    dropped = [int(row_lines[r]) for r in np.flatnonzero(empty_rows)]
    keep = ~empty_rows
    if not keep.any():
        raise ServiceLabError("survey.error.no_rows", file=name)

    kept = ratings if keep.all() else ratings[keep]
    responses = pd.DataFrame(kept, columns=rating_cols, index=pd.Index(ids[keep].to_numpy(), name="respondent"), copy=False)
    responses.attrs["scale"] = (low, high)
    w_df = None
    if weights is not None:
        w = weights[keep]
        sums = np.nansum(w, axis=1)
        all_blank = np.isnan(w).all(axis=1)
        bad = np.flatnonzero(~all_blank & (np.isnan(w).any(axis=1) | (np.abs(sums - 100) > 1e-6)))
        if bad.size:
            row = int(row_lines[np.flatnonzero(keep)[bad[0]]])
            raise ServiceLabError("survey.error.weights_sum", file=name, row=row, total=f"{sums[bad[0]]:g}")
        w_df = pd.DataFrame(w, columns=list(DIMENSIONS), index=responses.index)

    miss = np.isnan(kept).sum(axis=0)
    report = SurveyReport(
        file=name,
        encoding=encoding,
        n_rows=n_rows,
        n_respondents=int(keep.sum()),
        ignored_columns=ignored,
        missing_cells={c: int(m) for c, m in zip(rating_cols, miss) if m},
        dropped_rows=dropped,
        separator=sep,
        scale=(low, high),
    )
    return Survey(responses=responses, weights=w_df, report=report, lang=lang)


def _checked_scale(scale) -> tuple[int, int]:
    """``(low, high)`` as whole numbers with ``low < high`` (ratings are whole numbers); else refused."""
    low, high = rating_scale(None, scale)
    if not all(float(v).is_integer() for v in (low, high)):
        raise ServiceLabError("survey.error.scale", value=repr(scale))
    return int(low), int(high)


def _shorten(cols: list[str], limit: int = 8) -> str:
    return ", ".join(cols[:limit]) + (f" … (+{len(cols) - limit})" if len(cols) > limit else "")


def _parse_numbers(rows: list[list[str]], norm: dict, cols: list[str], lines: np.ndarray, name: str, low: float, high: float,
                   *, whole: bool, comma_decimal: bool) -> np.ndarray:
    """Convert the given columns to floats, raising on the first bad cell (row-major order).

    Each column is converted through its distinct values (a survey column holds a handful), so a
    large file costs one small float array per column rather than copies of its text.
    """
    values = np.empty((len(rows), len(cols)))
    na = np.zeros((len(rows), len(cols)), dtype=bool)
    for c, col in enumerate(cols):
        j = norm[col]
        column = np.fromiter((r[j] for r in rows), dtype=object, count=len(rows))
        inverse, uniques = pd.factorize(column)
        stripped = pd.Series([str(u).strip() for u in uniques], dtype=object)
        u_na = stripped.str.upper().isin(_NA).to_numpy()
        u_val = _to_number(stripped, comma_decimal).to_numpy(dtype=float)
        values[:, c] = u_val[inverse]
        na[:, c] = u_na[inverse]
    not_number = np.isnan(values) & ~na
    out_of_range = ~np.isnan(values) & ((values < low) | (values > high))
    not_whole = ~np.isnan(values) & (values != np.round(values)) if whole else np.zeros_like(na)
    problems = not_number | out_of_range | not_whole
    if problems.any():
        r, c = np.argwhere(problems)[0]  # argwhere is row-major: first row first
        col = cols[c]
        value = rows[r][norm[col]].strip()
        count = int(problems.sum())
        key = "survey.error.not_a_number" if (not_number[r, c] or not_whole[r, c]) else "survey.error.out_of_range"
        raise ServiceLabError(key, file=name, row=int(lines[r]), column=col, value=value, low=f"{low:g}", high=f"{high:g}", count=count)
    values[na] = np.nan
    return values


def _to_number(col: pd.Series, comma_decimal: bool = False) -> pd.Series:
    """Numbers from text; full-width digits (７, ６．５) are folded to ASCII first.

    With ``comma_decimal`` a value like ``5,5`` (one comma between digits) reads as 5.5.
    """
    if not col.map(str.isascii).all():
        col = col.map(lambda v: unicodedata.normalize("NFKC", v))
    if comma_decimal:
        col = col.str.replace(r"^([+-]?\d*),(\d+)$", r"\1.\2", regex=True)
    return pd.to_numeric(col, errors="coerce")
