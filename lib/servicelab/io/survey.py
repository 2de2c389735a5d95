"""Read a class SERVQUAL survey from a CSV file.

The wide format (one row per respondent)
----------------------------------------
==================  ===========================================================================
column              meaning
==================  ===========================================================================
``E1`` … ``E22``    expectation ratings, whole numbers 1–7 (required)
``P1`` … ``P22``    perception ratings, whole numbers 1–7 (required)
``id``              respondent id (optional; also ``respondent``, ``respondent_id``, 编号, 序号);
                    must be unique
``W1`` … ``W5``     optional 100-point allocation over tangibles, reliability, responsiveness,
                    assurance, empathy (in that order); each row must sum to 100
anything else       ignored and reported (timestamps, names, 问卷星's 提交答卷时间 …)
==================  ===========================================================================

Column names are matched after Unicode NFKC normalisation, trimming and ignoring case, so
``e1``, ``Ｅ１`` and `` E1 `` all work. The separator may be a comma, a tab or a semicolon.
Encodings: UTF-8, UTF-8 with BOM, and GBK/GB18030 (what Excel and 问卷星 export in China).

Missing values
--------------
An empty cell (or ``NA``) is a missing rating. It is kept as NaN: the item gap is missing for that
respondent, the dimension gap uses the items present, and Cronbach's alpha drops the respondent
for that scale only (listwise within a scale). Rows with no rating at all are dropped. The
:class:`SurveyReport` says how many cells were missing in which column and which rows were dropped.
A weight row that is entirely empty is treated as "no weights for this respondent".
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import ServiceLabError
from ..models.servqual import DIMENSIONS, E_COLUMNS, N_ITEMS, P_COLUMNS, SCALE_MAX, SCALE_MIN

W_COLUMNS = tuple(f"W{i}" for i in range(1, len(DIMENSIONS) + 1))
ID_ALIASES = {"ID", "RESPONDENT", "RESPONDENT_ID", "RESPONDENTID", "编号", "序号", "答卷编号"}
ENCODINGS = ("utf-8-sig", "gb18030")
MAX_BYTES = 50 * 1024 * 1024
_NA = {"", "NA", "N/A", "NAN", "-", "—"}


@dataclass
class SurveyReport:
    """What :func:`read_survey` found and did.

    Attributes
    ----------
    file : str
        Name of the file read (``"<upload>"`` for a buffer without a name).
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"`` (with BOM) or ``"gb18030"``.
    n_rows : int
        Data rows in the file.
    n_respondents : int
        Respondents kept.
    ignored_columns : list of str
        Columns that are not part of the format.
    missing_cells : dict
        Column → number of missing ratings in it (only columns with any).
    dropped_rows : list of int
        File row numbers (header = row 1) of rows dropped because they held no rating.
    """

    file: str
    encoding: str
    n_rows: int
    n_respondents: int
    ignored_columns: list[str] = field(default_factory=list)
    missing_cells: dict[str, int] = field(default_factory=dict)
    dropped_rows: list[int] = field(default_factory=list)

    @property
    def n_missing(self) -> int:
        """Total number of missing ratings."""
        return int(sum(self.missing_cells.values()))


@dataclass
class Survey:
    """A validated SERVQUAL survey.

    Attributes
    ----------
    responses : pandas.DataFrame
        Index: respondent id. Columns ``E1``–``E22``, ``P1``–``P22`` (float, NaN = missing).
    weights : pandas.DataFrame or None
        Columns named after :data:`servicelab.models.servqual.DIMENSIONS` (points out of 100),
        or None when the file has no weight columns.
    report : SurveyReport
    """

    responses: pd.DataFrame
    weights: pd.DataFrame | None
    report: SurveyReport

    @property
    def expectations(self) -> pd.DataFrame:
        return self.responses.loc[:, list(E_COLUMNS)]

    @property
    def perceptions(self) -> pd.DataFrame:
        return self.responses.loc[:, list(P_COLUMNS)]


def _read_bytes(source) -> tuple[bytes, str]:
    """Bytes and a display name from a path, bytes, or a (binary or text) file-like object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), "<upload>"
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise ServiceLabError("survey.error.not_found", file=str(path))
        if path.stat().st_size > MAX_BYTES:
            raise ServiceLabError("survey.error.too_large", file=path.name, size=path.stat().st_size // 1024 // 1024, limit=MAX_BYTES // 1024 // 1024)
        return path.read_bytes(), path.name
    name = Path(getattr(source, "name", "<upload>")).name if isinstance(getattr(source, "name", None), str) else "<upload>"
    data = source.read(MAX_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ServiceLabError("survey.error.too_large", file=name, size=len(data) // 1024 // 1024, limit=MAX_BYTES // 1024 // 1024)
    return data, name


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if b"\x00" in data[:65536]:
        raise ServiceLabError("survey.error.not_text", file=name)
    for enc in ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-8-sig":
            enc = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        # GB18030 decodes some binary junk; reject text full of control characters.
        sample = text[:65536]
        controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t")
        if sample and controls / len(sample) > 0.01:
            raise ServiceLabError("survey.error.not_text", file=name)
        return text, enc
    raise ServiceLabError("survey.error.not_text", file=name)


def _column_key(col: str) -> str:
    """A header as the format knows it: NFKC, no spaces, upper case, ``E01`` → ``E1``."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(col))).upper()
    return re.sub(r"^([EPW])0*(\d+)$", r"\1\2", key)


def _sniff_sep(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (",", "\t", ";")}
    return max(counts, key=counts.get) if max(counts.values()) > 0 else ","


def read_survey(source, *, scale=(SCALE_MIN, SCALE_MAX), name: str | None = None) -> Survey:
    """Read and validate a SERVQUAL class survey in the wide format (see module docs).

    Parameters
    ----------
    source : str, path, bytes or file-like
        The CSV file (UTF-8, UTF-8 with BOM, or GBK/GB18030).
    scale : (int, int), default (1, 7)
        Allowed rating range.
    name : str, optional
        File name to use in messages (e.g. an uploaded file's name when ``source`` is bytes).

    Returns
    -------
    Survey
        Validated ratings, optional weights and a :class:`SurveyReport`.

    Raises
    ------
    ServiceLabError
        With a bilingual message naming the file, and the row (file line, header = 1) and
        column of the first problem: empty file; header only; missing E/P columns; a rating
        that is not a whole number or outside the range; duplicate respondent ids; weights that
        are negative or do not sum to 100; a file that is not text.

    Examples
    --------
    >>> header = ",".join(["id", *E_COLUMNS, *P_COLUMNS])
    >>> row = ",".join(["s1", *["6"] * 22, *["5"] * 22])
    >>> s = read_survey((header + "\\n" + row + "\\n").encode("utf-8"))
    >>> s.report.n_respondents, float(s.perceptions.iloc[0, 0])
    (1, 5.0)
    """
    low, high = scale
    data, found_name = _read_bytes(source)
    name = name or found_name
    if not data.strip():
        raise ServiceLabError("survey.error.empty", file=name)
    text, encoding = _decode(data, name)
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    sep = _sniff_sep(first_line)
    header = next(csv.reader([first_line], delimiter=sep), [])
    seen: set[str] = set()
    for col in header:  # on the raw header: pandas would silently rename an exact repeat to "E1.1"
        key = _column_key(col)
        if key and key in seen:
            raise ServiceLabError("survey.error.duplicate_column", file=name, column=str(col).strip())
        seen.add(key)
    try:
        # index_col=False: a trailing comma on data rows must not shift the columns
        # (fields beyond the header's last column, e.g. a trailing comma, are ignored)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.ParserWarning)
            raw = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, index_col=False,
                              skip_blank_lines=True, quoting=csv.QUOTE_MINIMAL, engine="c")
    except (pd.errors.ParserError, UnicodeError, ValueError) as exc:
        raise ServiceLabError("survey.error.unreadable", file=name, detail=str(exc).splitlines()[0][:200]) from None
    if raw.shape[1] <= 1 and not any(_column_key(c) in E_COLUMNS for c in raw.columns):
        # one column only: almost certainly not our CSV at all
        raise ServiceLabError("survey.error.missing_columns", file=name, columns=_shorten([c for c in (*E_COLUMNS, *P_COLUMNS)]))

    norm = {_column_key(col): col for col in raw.columns}  # format name → the file's header (unique, checked above)
    missing = [c for c in (*E_COLUMNS, *P_COLUMNS) if c not in norm]
    if missing:
        raise ServiceLabError("survey.error.missing_columns", file=name, columns=_shorten(missing))
    if len(raw) == 0:
        raise ServiceLabError("survey.error.no_rows", file=name)

    id_key = next((k for k in norm if k in ID_ALIASES), None)
    has_weights = any(w in norm for w in W_COLUMNS)
    if has_weights:
        absent = [w for w in W_COLUMNS if w not in norm]
        if absent:
            raise ServiceLabError("survey.error.missing_columns", file=name, columns=", ".join(absent))
    known = set(E_COLUMNS) | set(P_COLUMNS) | (set(W_COLUMNS) if has_weights else set()) | ({id_key} if id_key else set())
    ignored = [str(norm[k]) for k in norm if k not in known]

    rating_cols = [*E_COLUMNS, *P_COLUMNS]
    ratings = _parse_numbers(raw, norm, rating_cols, name, low, high, whole=True)
    weights = _parse_numbers(raw, norm, list(W_COLUMNS), name, 0, 100, whole=False) if has_weights else None

    # ids
    if id_key:
        ids = pd.Series([v.strip() or f"row{r + 2}" for r, v in enumerate(raw[norm[id_key]].astype(str))])
        dup = ids.duplicated(keep=False)
        if dup.any():
            rows = np.flatnonzero(dup.to_numpy())
            first = ids.iloc[rows[0]]
            same = [int(r) + 2 for r in rows if ids.iloc[r] == first]
            raise ServiceLabError("survey.error.duplicate_id", file=name, id=first, rows=", ".join(map(str, same[:5])))
    else:
        ids = pd.Series([f"R{i + 1:03d}" for i in range(len(raw))])

    # drop rows without any rating
    empty_rows = np.isnan(ratings).all(axis=1)
    dropped = [int(r) + 2 for r in np.flatnonzero(empty_rows)]
    keep = ~empty_rows
    if not keep.any():
        raise ServiceLabError("survey.error.no_rows", file=name)

    responses = pd.DataFrame(ratings[keep], columns=rating_cols, index=pd.Index(ids[keep].to_numpy(), name="respondent"))
    w_df = None
    if weights is not None:
        w = weights[keep]
        sums = np.nansum(w, axis=1)
        all_blank = np.isnan(w).all(axis=1)
        bad = np.flatnonzero(~all_blank & (np.isnan(w).any(axis=1) | (np.abs(sums - 100) > 1e-6)))
        if bad.size:
            row = int(np.flatnonzero(keep)[bad[0]]) + 2
            raise ServiceLabError("survey.error.weights_sum", file=name, row=row, total=f"{sums[bad[0]]:g}")
        w_df = pd.DataFrame(w, columns=list(DIMENSIONS), index=responses.index)

    miss = np.isnan(ratings[keep]).sum(axis=0)
    report = SurveyReport(
        file=name,
        encoding=encoding,
        n_rows=len(raw),
        n_respondents=int(keep.sum()),
        ignored_columns=ignored,
        missing_cells={c: int(m) for c, m in zip(rating_cols, miss) if m},
        dropped_rows=dropped,
    )
    return Survey(responses=responses, weights=w_df, report=report)


def _shorten(cols: list[str], limit: int = 8) -> str:
    return ", ".join(cols[:limit]) + (f" … (+{len(cols) - limit})" if len(cols) > limit else "")


def _parse_numbers(raw: pd.DataFrame, norm: dict, cols: list[str], name: str, low: float, high: float, *, whole: bool) -> np.ndarray:
    """Convert the given columns to floats, raising on the first bad cell (row-major order)."""
    block = raw.loc[:, [norm[c] for c in cols]]
    stripped = block.apply(lambda s: s.str.strip())
    upper = stripped.apply(lambda s: s.str.upper())
    is_na = upper.isin(_NA)
    numeric = stripped.apply(_to_number)
    values = numeric.to_numpy(dtype=float, copy=True)
    na = is_na.to_numpy()
    not_number = np.isnan(values) & ~na
    out_of_range = ~np.isnan(values) & ((values < low) | (values > high))
    not_whole = ~np.isnan(values) & (values != np.round(values)) if whole else np.zeros_like(na)
    problems = not_number | out_of_range | not_whole
    if problems.any():
        r, c = np.argwhere(problems)[0]  # argwhere is row-major: first row first
        col = cols[c]
        value = stripped.iat[r, c]
        count = int(problems.sum())
        key = "survey.error.not_a_number" if (not_number[r, c] or not_whole[r, c]) else "survey.error.out_of_range"
        raise ServiceLabError(key, file=name, row=int(r) + 2, column=col, value=value, low=f"{low:g}", high=f"{high:g}", count=count)
    values[na] = np.nan
    return values


def _to_number(col: pd.Series) -> pd.Series:
    """Numbers from text; full-width digits (７, ６．５) are folded to ASCII first."""
    if not col.map(str.isascii).all():
        col = col.map(lambda v: unicodedata.normalize("NFKC", v))
    return pd.to_numeric(col, errors="coerce")
