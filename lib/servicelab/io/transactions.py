"""Read a customer transaction log (who bought, when, for how much) and check it.

A transaction log is the raw material of customer-tier analysis (COURSE_MAP C1.11): one row per
purchase, with a customer id, a date and an amount. :func:`read_transactions` reads any such log —
a CSV file from a spreadsheet or a whitespace-separated text file like the CDNOW log — checks it,
and returns the clean rows together with a report of everything it found and how it handled it.
:func:`read_cdnow` reads the CDNOW log shipped in ``data/cdnow/``.

Rules for the awkward rows (each is a parameter; the defaults are listed first):

* **Negative amounts** (returns, refunds): ``negative="net"`` keeps them as refunds; they are
  subtracted from the customer's revenue and are *not* counted as purchases. ``"drop"`` removes
  them, ``"error"`` refuses the file.
* **Zero amounts** (free items, vouchers): ``zero="keep"`` keeps them and counts each as a
  purchase (the customer did buy; it just cost nothing). ``"drop"`` removes them.
* **Duplicate rows** (a row repeating an earlier row in every column of the file):
  ``duplicates="keep"`` reports and keeps them — a log without order numbers cannot tell a double
  entry from two identical purchases on the same day. ``"drop"`` keeps only the first,
  ``"error"`` refuses the file.

Amounts: currency signs (¥ ￥ $ € £) and spaces are ignored. The decimal separator is read from
the file (``decimal="auto"``): a value such as ``12,50``, ``3,5`` or ``1.234,56`` shows a decimal
comma, ``12.50`` or ``1,234.56`` a decimal point; the other mark may then only group thousands
(``1.234.567,89``). A column that mixes both styles is refused, naming a row of each, and so is a
column whose every separated value could be read either way (``1,234`` is 1234 or 1.234): pass
``decimal="."`` or ``decimal=","`` for it. Nothing is guessed silently.

Dates with a UTC offset (``2024-03-05T10:00+08:00``, ``…Z``) are converted to UTC and stored
without the offset (naive UTC), so that logs mixing offsets compare correctly; a column mixing
dates with and without an offset is refused (the offset-less ones cannot be placed in time).
:attr:`ReadReport.utc_converted` counts the converted rows.

Row numbers in messages are the row numbers a spreadsheet shows: the header is row 1, the first
purchase row 2.
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from ..errors import ServiceLabError

__all__ = ["ReadReport", "TransactionLog", "read_transactions", "read_cdnow", "read_cdnow_sample", "CDNOW_FILE",
           "CDNOW_SAMPLE_FILE"]

#: The CDNOW purchase log inside ``data/`` (see ``data/cdnow/README.md``).
CDNOW_FILE = ("cdnow", "CDNOW_master.txt")
#: The 1/10 sample of Fader, Hardie & Lee (2005) inside ``data/`` (2 357 customers; no header line).
CDNOW_SAMPLE_FILE = ("cdnow", "CDNOW_sample.txt")

_NEGATIVE_RULES = ("net", "drop", "error")
_ZERO_RULES = ("keep", "drop")
_DUPLICATE_RULES = ("keep", "drop", "error")
_SEPARATORS = (",", "\t", ";", "|", "，")
_CURRENCY = re.compile(r"[¥￥$€£\s]")
_DECIMAL_RULES = ("auto", ".", ",")
#: A well-formed amount when the decimal mark is "." (thousands ",") and when it is "," (thousands ".").
_AMOUNT_PATTERNS = {
    ".": re.compile(r"[+-]?(?:(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?|\.\d+)"),
    ",": re.compile(r"[+-]?(?:(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d*)?|,\d+)"),
}
_UTC_OFFSET = re.compile(r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE)
_CJK_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(.*)$")


@dataclass(frozen=True)
class ReadReport:
    """What :func:`read_transactions` found in a file and what it did about it.

    Attributes
    ----------
    source : str
        File name (or ``"<buffer>"``).
    encoding : str
        Text encoding used to decode the file.
    separator : str
        Column separator used (``"whitespace"`` for runs of spaces/tabs).
    rows_read : int
        Purchase rows in the file (blank lines not counted).
    rows_kept : int
        Rows in :attr:`TransactionLog.data`.
    customers : int
        Distinct customers among the kept rows.
    negative_rows, zero_rows, duplicate_rows : int
        How many rows had a negative amount, a zero amount, or repeated an earlier row.
    negative_rule, zero_rule, duplicate_rule : str
        The rule applied to each (see the module docstring).
    first_date, last_date : pandas.Timestamp or None
        Date range of the kept rows.
    decimal : str
        Decimal mark of the amounts (``"."`` or ``","``), as given or as read from the file.
    utc_converted : int
        Rows whose date carried a UTC offset and was converted to naive UTC.
    """

    source: str
    encoding: str
    separator: str
    rows_read: int
    rows_kept: int
    customers: int
    negative_rows: int
    negative_rule: str
    zero_rows: int
    zero_rule: str
    duplicate_rows: int
    duplicate_rule: str
    first_date: pd.Timestamp | None
    last_date: pd.Timestamp | None
    decimal: str = "."
    utc_converted: int = 0

    def to_frame(self, lang: str = "zh") -> pd.DataFrame:
        """The report as a small table: check, count, handling (in ``lang``).

        Examples
        --------
        >>> log = read_transactions(io.StringIO("customer_id,date,amount\\nA,2024-01-02,5\\nA,2024-01-03,-5\\n"))
        >>> row = log.report.to_frame("en").loc[1]
        >>> row["check"], int(row["count"]), row["handling"]
        ('Negative amounts', 1, 'kept as refunds: subtracted from revenue, not counted as purchases')
        """
        from ..i18n import t

        rows = [
            ("transactions.report.rows_read", self.rows_read, None),
            ("transactions.report.negative", self.negative_rows, f"transactions.rule.negative.{self.negative_rule}"),
            ("transactions.report.zero", self.zero_rows, f"transactions.rule.zero.{self.zero_rule}"),
            ("transactions.report.duplicate", self.duplicate_rows, f"transactions.rule.duplicate.{self.duplicate_rule}"),
            ("transactions.report.rows_kept", self.rows_kept, None),
            ("transactions.report.customers", self.customers, None),
        ]
        return pd.DataFrame(
            {
                "check": [t(k, lang) for k, _, _ in rows],
                "count": [n for _, n, _ in rows],
                "handling": [t(r, lang) if r else "" for _, _, r in rows],
            }
        )


@dataclass(frozen=True)
class TransactionLog:
    """Clean purchase rows plus the report of how they were obtained.

    Attributes
    ----------
    data : pandas.DataFrame
        Columns ``customer`` (str), ``date`` (datetime64), ``amount`` (float), in file order.
    report : ReadReport
    """

    data: pd.DataFrame
    report: ReadReport


# --------------------------------------------------------------------------- reading helpers
def _source_name(path_or_buffer: Any) -> str:
    if isinstance(path_or_buffer, (str, os.PathLike)):
        return Path(path_or_buffer).name
    return Path(str(getattr(path_or_buffer, "name", "<buffer>"))).name


def _read_text(path_or_buffer: Any, encoding: str | None, source: str) -> tuple[str, str]:
    if isinstance(path_or_buffer, (str, os.PathLike)):
        try:
            raw: str | bytes = Path(path_or_buffer).read_bytes()
        except FileNotFoundError:
            raise ServiceLabError("transactions.file_not_found", file=str(path_or_buffer)) from None
    else:
        raw = path_or_buffer.read()
    if isinstance(raw, str):
        return raw, "text"
    tried = [encoding] if encoding else ["utf-8-sig", "gb18030"]
    for enc in tried:
        try:
            return raw.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise ServiceLabError("transactions.encoding", file=source, encodings=", ".join(tried))


def _sniff_separator(header: str) -> str:
    for candidate in _SEPARATORS:
        if candidate in header:
            return candidate
    return r"\s+"


def _parse_dates(values: pd.Series, date_format: str | None, lines: np.ndarray, source: str, column: str) -> tuple[pd.Series, int]:
    """Dates of a column (NaT where unreadable) and how many carried a UTC offset (→ naive UTC)."""
    text = values.str.strip()
    aware = text.str.contains(_UTC_OFFSET).to_numpy(dtype=bool)
    if aware.any() and not aware.all():
        naive_row, naive_value, _ = _first_bad(~aware, lines, text)
        aware_row, aware_value, _ = _first_bad(aware, lines, text)
        raise ServiceLabError("transactions.mixed_timezone", file=source, column=column, row=naive_row,
                              value=naive_value, aware_row=aware_row, aware_value=aware_value)
    utc = bool(aware.any())

    def finish(parsed: pd.Series) -> tuple[pd.Series, int]:
        if utc:
            parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
        return parsed, int(aware.sum())

    digits = text.str.fullmatch(r"\d+").to_numpy(dtype=bool)
    if date_format is not None:
        parsed = pd.to_datetime(text, format=date_format, errors="coerce", utc=utc)
        if date_format == "%Y%m%d":  # strptime accepts 1997011 as 1997-01-01: exactly 8 digits
            parsed = parsed.where(text.str.fullmatch(r"\d{8}").to_numpy(dtype=bool))
        return finish(parsed)
    if digits.all():  # YYYYMMDD, exactly 8 digits (a truncated 1997011 is refused, not read as a day)
        return pd.to_datetime(text.where(text.str.len() == 8), format="%Y%m%d", errors="coerce"), 0

    def normalise(s: str) -> str:
        m = _CJK_DATE.match(s)
        if m:
            s = f"{m.group(1)}-{m.group(2)}-{m.group(3)}{m.group(4)}"
        s = re.sub(r"\s*(?:UTC|GMT)$", "Z", s, flags=re.IGNORECASE)
        return re.sub(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})", r"\1-\2-\3", s)

    return finish(pd.to_datetime(text.map(normalise, na_action="ignore"), format="ISO8601", errors="coerce", utc=utc))


def _parse_amounts(values: pd.Series, decimal: str, lines: np.ndarray, source: str, column: str) -> tuple[pd.Series, str]:
    """Amounts as floats (NaN where not a number) and the decimal mark used.

    With ``decimal="auto"`` a value that is well formed with one mark only (``12,50``, ``1.234,56``,
    ``12.50``) decides; values well formed both ways (``1,234``) follow the others, and are refused
    when nothing else decides. Mixed evidence is refused.
    """
    text = values.str.replace(_CURRENCY, "", regex=True)
    fits = {mark: text.str.fullmatch(pattern).to_numpy(dtype=bool) for mark, pattern in _AMOUNT_PATTERNS.items()}
    if decimal == "auto":
        dot_only, comma_only = fits["."] & ~fits[","], fits[","] & ~fits["."]
        if dot_only.any() and comma_only.any():
            dot_row, dot_value, _ = _first_bad(dot_only, lines, values)
            comma_row, comma_value, _ = _first_bad(comma_only, lines, values)
            raise ServiceLabError("transactions.decimal_mixed", file=source, column=column, dot_row=dot_row,
                                  dot_value=dot_value, comma_row=comma_row, comma_value=comma_value)
        if dot_only.any() or comma_only.any():
            decimal = "." if dot_only.any() else ","
        else:
            either = fits["."] & fits[","] & text.str.contains(r"[.,]").to_numpy(dtype=bool)
            if either.any():
                rows = [int(r) for r in lines[np.flatnonzero(either)]]
                raise ServiceLabError("transactions.decimal_ambiguous", file=source, column=column,
                                      value=str(values.iloc[int(np.flatnonzero(either)[0])]),
                                      rows=", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else ""),
                                      count=len(rows))
            decimal = "."
    thousands = "," if decimal == "." else "."
    clean = text.where(fits[decimal]).str.replace(thousands, "", regex=False)
    if decimal == ",":
        clean = clean.str.replace(",", ".", regex=False)
    return pd.to_numeric(clean, errors="coerce"), decimal


def _first_bad(mask: np.ndarray, lines: np.ndarray, raw: pd.Series) -> tuple[int, str, int]:
    where = np.flatnonzero(mask)
    first = where[0]
    value = raw.iloc[first]
    return int(lines[first]), ("" if pd.isna(value) else str(value)), int(len(where))


def _check_rule(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ServiceLabError("transactions.bad_rule", parameter=name, value=value, allowed=", ".join(allowed))


# --------------------------------------------------------------------------- public API
def read_transactions(
    path_or_buffer: str | os.PathLike | IO,
    *,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    date_format: str | None = None,
    sep: str | None = None,
    encoding: str | None = None,
    decimal: str = "auto",
    negative: str = "net",
    zero: str = "keep",
    duplicates: str = "keep",
) -> TransactionLog:
    """Read and check a transaction log: one row per purchase.

    Parameters
    ----------
    path_or_buffer : path or file-like
        A file path, or an open text/binary buffer (e.g. an upload widget's bytes in ``io.BytesIO``).
    customer, date, amount : str
        Names of the columns holding the customer id, the purchase date and the amount paid.
        Header names are compared after trimming spaces; other columns are ignored.
    date_format : str, optional
        A :func:`~datetime.datetime.strptime` format such as ``"%d/%m/%Y"``. Without it, dates
        must be ``YYYYMMDD`` (all rows) or year-first: ``2024-03-05``, ``2024/3/5``,
        ``2024.03.05``, ``2024年3月5日``, optionally followed by a time.
    sep : str, optional
        Column separator. Without it, the header line decides: the first of ``,`` tab ``;`` ``|``
        ``，`` found in it, otherwise runs of whitespace (as in the CDNOW file).
    encoding : str, optional
        Text encoding of a file given as bytes. Without it, UTF-8 is tried, then GB18030 (which
        covers GBK/GB2312 files saved by Chinese Excel).
    decimal : {"auto", ".", ","}
        Decimal mark of the amounts. ``"auto"`` reads it from the column (see the module
        docstring) and refuses a column that mixes ``12,50`` with ``12.50`` or that only holds
        values like ``1,234`` that read either way. With ``"."`` the comma may only group
        thousands (``1,234.5``); with ``","`` the point may (``1.234,5``).
    negative : {"net", "drop", "error"}
        Rule for negative amounts (refunds): keep them and net them against the customer's revenue,
        drop them, or refuse the file.
    zero : {"keep", "drop"}
        Rule for zero amounts: keep them (counted as purchases) or drop them.
    duplicates : {"keep", "drop", "error"}
        Rule for rows repeating an earlier row in every column: keep (reported), drop all but the
        first, or refuse the file.

    Returns
    -------
    TransactionLog
        ``.data`` with columns ``customer``, ``date``, ``amount``; ``.report`` a :class:`ReadReport`.

    Raises
    ------
    ServiceLabError
        Empty file; missing columns (names the missing ones and those found); a missing customer
        id; an unparseable date or a non-numeric amount (first bad row and value, and how many);
        amounts whose decimal mark is mixed or cannot be told; dates mixing UTC offsets with none;
        a negative amount or duplicate row when the rule is ``"error"``; an unknown rule.

    Notes
    -----
    The report counts negative, zero and duplicate rows *before* applying the rules, so the counts
    are what the file contains; ``rows_kept`` is what is left after them.

    Examples
    --------
    >>> csv = io.StringIO(
    ...     "customer_id,date,amount\\n"
    ...     "A,2024-01-05,100\\n"
    ...     "B,2024-01-06,0\\n"
    ...     "A,2024-02-01,-20\\n"
    ... )
    >>> log = read_transactions(csv)
    >>> log.data.amount.tolist()
    [100.0, 0.0, -20.0]
    >>> log.report.negative_rows, log.report.zero_rows, log.report.customers
    (1, 1, 2)
    >>> try:
    ...     read_transactions(io.StringIO("client,day,total\\nA,2024-01-05,1\\n"))
    ... except ServiceLabError as err:
    ...     print(err.message("en"))
    <buffer>: missing column(s) customer_id, date, amount; columns found: client, day, total
    """
    _check_rule("negative", negative, _NEGATIVE_RULES)
    _check_rule("zero", zero, _ZERO_RULES)
    _check_rule("duplicates", duplicates, _DUPLICATE_RULES)
    _check_rule("decimal", decimal, _DECIMAL_RULES)
    source = _source_name(path_or_buffer)
    text, used_encoding = _read_text(path_or_buffer, encoding, source)

    # Keep line numbers honest: drop only leading blank lines, and count them.
    lines = text.splitlines()
    skipped = 0
    while skipped < len(lines) and not lines[skipped].strip():
        skipped += 1
    if skipped == len(lines):
        raise ServiceLabError("transactions.empty", file=source)
    body = "\n".join(lines[skipped:])
    separator = sep if sep is not None else _sniff_separator(lines[skipped])

    try:
        frame = pd.read_csv(
            io.StringIO(body),
            sep=separator,
            dtype=str,
            skip_blank_lines=False,
            keep_default_na=False,
            engine="python" if len(separator) > 1 and separator != r"\s+" else "c",
        )
    except pd.errors.ParserError as exc:
        detail = str(exc).strip()
        m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", detail)
        if m:
            raise ServiceLabError(
                "transactions.field_count", file=source, row=int(m.group(2)) + skipped,
                expected=int(m.group(1)), found=int(m.group(3)),
            ) from None
        raise ServiceLabError("transactions.parse", file=source, detail=detail) from None
    except pd.errors.EmptyDataError:
        raise ServiceLabError("transactions.empty", file=source) from None

    frame = frame.fillna("")
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    wanted = [customer, date, amount]
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        raise ServiceLabError(
            "transactions.missing_columns",
            file=source,
            missing=", ".join(missing),
            found=", ".join(frame.columns),
        )

    # Spreadsheet row numbers: header = skipped + 1, data row i (0-based) = skipped + 2 + i.
    file_lines = np.arange(len(frame)) + skipped + 2
    blank = (frame.apply(lambda col: col.str.strip()) == "").all(axis=1).to_numpy()
    frame, file_lines = frame.loc[~blank], file_lines[~blank]
    if frame.empty:
        raise ServiceLabError("transactions.empty", file=source)
    rows_read = len(frame)

    cust = frame[customer].str.strip()
    bad = (cust == "").to_numpy()
    if bad.any():
        row, _, count = _first_bad(bad, file_lines, frame[customer])
        raise ServiceLabError("transactions.missing_customer", file=source, row=row, column=customer, count=count)

    dates, utc_converted = _parse_dates(frame[date], date_format, file_lines, source, date)
    bad = dates.isna().to_numpy()
    if bad.any():
        row, value, count = _first_bad(bad, file_lines, frame[date])
        raise ServiceLabError(
            "transactions.bad_date", file=source, row=row, column=date, value=value, count=count,
            format={"%Y%m%d": "YYYYMMDD"}.get(date_format, date_format or "YYYY-MM-DD"),
        )

    amounts, used_decimal = _parse_amounts(frame[amount], decimal, file_lines, source, amount)
    bad = ~np.isfinite(amounts.to_numpy(dtype=float))
    if bad.any():
        row, value, count = _first_bad(bad, file_lines, frame[amount])
        raise ServiceLabError("transactions.bad_amount", file=source, row=row, column=amount, value=value, count=count)
    amounts = amounts.astype(float)

    negative_mask = (amounts < 0).to_numpy()
    zero_mask = (amounts == 0).to_numpy()
    duplicate_mask = frame.duplicated(keep="first").to_numpy()
    if negative == "error" and negative_mask.any():
        row, value, count = _first_bad(negative_mask, file_lines, frame[amount])
        raise ServiceLabError("transactions.negative_amount", file=source, row=row, column=amount, value=value, count=count)
    if duplicates == "error" and duplicate_mask.any():
        row, _, count = _first_bad(duplicate_mask, file_lines, frame[customer])
        raise ServiceLabError("transactions.duplicate_row", file=source, row=row, count=count)

    keep = np.ones(rows_read, dtype=bool)
    if negative == "drop":
        keep &= ~negative_mask
    if zero == "drop":
        keep &= ~zero_mask
    if duplicates == "drop":
        keep &= ~duplicate_mask

    data = pd.DataFrame(
        {
            "customer": cust.to_numpy()[keep],
            "date": dates.to_numpy()[keep],
            "amount": amounts.to_numpy()[keep],
        }
    )
    data["customer"] = data["customer"].astype(str)
    if not len(data):
        raise ServiceLabError("transactions.empty", file=source)
    report = ReadReport(
        source=source,
        encoding=used_encoding,
        separator="whitespace" if separator == r"\s+" else separator,
        rows_read=rows_read,
        rows_kept=len(data),
        customers=int(data["customer"].nunique()),
        negative_rows=int(negative_mask.sum()),
        negative_rule=negative,
        zero_rows=int(zero_mask.sum()),
        zero_rule=zero,
        duplicate_rows=int(duplicate_mask.sum()),
        duplicate_rule=duplicates,
        first_date=data["date"].min(),
        last_date=data["date"].max(),
        decimal=used_decimal,
        utc_converted=utc_converted,
    )
    return TransactionLog(data=data, report=report)


def read_cdnow(path: str | os.PathLike | None = None, **options: Any) -> TransactionLog:
    """Read the CDNOW purchase log (Fader & Hardie) shipped in ``data/cdnow/``.

    Parameters
    ----------
    path : path, optional
        Another copy of ``CDNOW_master.txt``; by default the one in ``data/cdnow/``.
    **options
        Passed on to :func:`read_transactions` (``negative``, ``zero``, ``duplicates``).

    Notes
    -----
    Dates must be exactly eight digits ``YYYYMMDD``; a truncated ``1997011`` is refused with its
    line, never read as a day.

    Returns
    -------
    TransactionLog
        Amount = ``dollar_value`` (US dollars); the file's ``number_of_cds`` is not used.

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). "Counting your customers" the easy way:
    An alternative to the Pareto/NBD model. *Marketing Science*, 24(2), 275–284.

    Examples
    --------
    >>> log = read_cdnow()
    >>> log.report.rows_read, log.report.customers
    (69659, 23570)
    """
    from ..paths import data_path

    return read_transactions(
        path if path is not None else data_path(*CDNOW_FILE),
        customer="customer_id",
        date="date",
        amount="dollar_value",
        date_format="%Y%m%d",
        sep=r"\s+",
        **options,
    )


def read_cdnow_sample(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read the CDNOW 1/10 sample of Fader, Hardie & Lee (2005) shipped in ``data/cdnow/``.

    Parameters
    ----------
    path : path, optional
        Another copy of ``CDNOW_sample.txt``; by default the one in ``data/cdnow/``.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer`` (the sample's id, text), ``master_customer`` (the id in
        ``CDNOW_master.txt``), ``date`` (datetime64), ``cds`` (int), ``amount`` (float), in file order.

    Raises
    ------
    ServiceLabError
        Missing file; a line without the five fields; a date that is not eight digits ``YYYYMMDD``
        or a non-numeric count or amount (the line is named: the file has no header, so line 1 is
        the first purchase).

    Notes
    -----
    The file has no header; its columns are ``master_customer_id sample_customer_id date
    number_of_cds dollar_value`` (see ``data/cdnow/README.md``).

    References
    ----------
    Fader, P. S., Hardie, B. G. S., & Lee, K. L. (2005). "Counting your customers" the easy way:
    An alternative to the Pareto/NBD model. *Marketing Science*, 24(2), 275–284.

    Examples
    --------
    >>> sample = read_cdnow_sample()
    >>> len(sample), sample["customer"].nunique()
    (6919, 2357)
    """
    from ..paths import data_path

    file = Path(path) if path is not None else data_path(*CDNOW_SAMPLE_FILE)
    text, _ = _read_text(file, "ascii", file.name)
    rows = [(n, line.split()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not rows:
        raise ServiceLabError("transactions.empty", file=file.name)
    for n, fields in rows:
        if len(fields) != 5:
            raise ServiceLabError("loyalty.error.sample_fields", file=file.name, row=n, found=len(fields))
    lines = np.array([n for n, _ in rows])
    frame = pd.DataFrame([f for _, f in rows], columns=["master_customer", "customer", "date", "cds", "amount"])
    raw_dates = frame["date"].where(frame["date"].str.fullmatch(r"\d{8}"))
    dates = pd.to_datetime(raw_dates, format="%Y%m%d", errors="coerce")
    bad = dates.isna().to_numpy()
    if bad.any():
        row, value, count = _first_bad(bad, lines, frame["date"])
        raise ServiceLabError("transactions.bad_date", file=file.name, row=row, column="date", value=value,
                              count=count, format="YYYYMMDD")
    numbers = {}
    for column in ("cds", "amount"):
        values = pd.to_numeric(frame[column], errors="coerce")
        bad = ~np.isfinite(values.to_numpy(dtype=float))
        if bad.any():
            row, value, count = _first_bad(bad, lines, frame[column])
            raise ServiceLabError("transactions.bad_amount", file=file.name, row=row, column=column, value=value, count=count)
        numbers[column] = values
    return pd.DataFrame({"customer": frame["customer"], "master_customer": frame["master_customer"], "date": dates,
                         "cds": numbers["cds"].astype(int), "amount": numbers["amount"].astype(float)})
