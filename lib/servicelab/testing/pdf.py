"""Read the PDFs headless Chromium prints (Skia) without a PDF library: page count and the text.

Enough for tests of our own handouts, not a general PDF reader: objects are found with a regular
expression, streams inflated with zlib, and text is read from ``Tj`` / ``TJ`` strings through each
font's ``/ToUnicode`` map (``bfchar`` and ``bfrange``). Type0 fonts take two bytes a character,
the others one, as Skia writes them; a glyph marked with ``/ActualText`` (Skia does so for a CJK glyph
whose font maps it to another code point, e.g. a Kangxi radical) reads as that text.
"""
from __future__ import annotations

import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*)\r?\nendstream", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJ.finditer(data)}


def _stream(obj: bytes) -> bytes:
    m = _STREAM.search(obj)
    if not m:
        return b""
    raw = m.group(1)
    if b"/FlateDecode" in obj.split(b"stream", 1)[0]:
        try:
            return zlib.decompress(raw)
        except zlib.error:
            return zlib.decompressobj().decompress(raw)
    return raw


def page_count(data: bytes) -> int:
    """Number of pages (``/Type /Page`` objects).

    Examples
    --------
    >>> page_count(b"1 0 obj <</Type /Page>> endobj 2 0 obj <</Type /Pages /Count 1>> endobj")
    1
    """
    return sum(1 for body in _objects(data).values() if re.match(rb"<<\s*/Type\s*/Page\b(?!s)", body))


def _cmap(text: bytes) -> dict[bytes, str]:
    out: dict[bytes, str] = {}

    def u(hexstr: bytes) -> str:
        b = bytes.fromhex(hexstr.decode())
        return b.decode("utf-16-be", errors="replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        pairs = _HEX.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2]):
            out[bytes.fromhex(src.decode())] = u(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for line in block.strip().splitlines():
            parts = _HEX.findall(line)
            if len(parts) < 3:
                continue
            lo, hi = int(parts[0], 16), int(parts[1], 16)
            width = len(parts[0].strip()) // 2
            if b"[" in line:  # <lo> <hi> [<d1> <d2> …]
                for i, dst in enumerate(parts[2:]):
                    out[(lo + i).to_bytes(width, "big")] = u(dst)
            else:
                start = bytes.fromhex(parts[2].decode())
                base = int.from_bytes(start, "big")
                for i in range(hi - lo + 1):
                    out[(lo + i).to_bytes(width, "big")] = (base + i).to_bytes(len(start), "big").decode(
                        "utf-16-be", errors="replace")
    return out


def _literal(s: bytes) -> bytes:
    """A PDF literal string's bytes (escapes resolved)."""
    out, i = bytearray(), 0
    while i < len(s):
        c = s[i]
        if c == 0x5C and i + 1 < len(s):  # backslash
            n = s[i + 1]
            if 0x30 <= n <= 0x37:
                m = re.match(rb"[0-7]{1,3}", s[i + 1:])
                out.append(int(m.group(0), 8) & 0xFF)
                i += 1 + len(m.group(0))
                continue
            out.append({0x6E: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


_TOKENS = re.compile(rb"/ActualText\s*<([0-9A-Fa-f\s]*)>[^B]*BDC|(EMC)|/([A-Za-z0-9_.+-]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\)|(T[Jj*]|'|\")|(ET)", re.S)


def text(data: bytes) -> str:
    """The text drawn on every page, in content order (spaces between text objects).

    Examples
    --------
    >>> text(b"")
    ''
    """
    objs = _objects(data)
    cmaps: dict[int, tuple[dict[bytes, str], int]] = {}
    for num, body in objs.items():
        head = body.split(b"stream", 1)[0]
        if re.search(rb"/Type\s*/Font\b", head):
            m = re.search(rb"/ToUnicode\s+(\d+)\s+0\s+R", head)
            if m and int(m.group(1)) in objs:
                width = 2 if b"/Type0" in head else 1
                cmaps[num] = (_cmap(_stream(objs[int(m.group(1))])), width)
    pages = []
    for body in objs.values():
        head = body.split(b"stream", 1)[0]
        if not re.match(rb"<<\s*/Type\s*/Page\b(?!s)", head):
            continue
        fonts = {}
        fm = re.search(rb"/Font\s*<<(.*?)>>", head, re.S)
        if fm:
            fonts = {name: int(ref) for name, ref in re.findall(rb"/([A-Za-z0-9_.+-]+)\s+(\d+)\s+0\s+R", fm.group(1))}
        contents = re.search(rb"/Contents\s+(?:(\d+)\s+0\s+R|\[([^\]]*)\])", head)
        refs = []
        if contents:
            refs = [int(contents.group(1))] if contents.group(1) else [int(r) for r in re.findall(rb"(\d+)\s+0\s+R", contents.group(2))]
        chunks, cmap, width, actual = [], {}, 1, False
        for ref in refs:
            for m in _TOKENS.finditer(_stream(objs.get(ref, b""))):
                actual_text, emc, font, hexs, lit, _op, et = m.groups()
                if actual_text is not None:  # the text a glyph stands for (Skia: CJK shared glyphs)
                    chunks.append(bytes.fromhex(re.sub(rb"\s", b"", actual_text).decode()).decode("utf-16", "replace"))
                    actual = True
                elif emc is not None:
                    actual = False
                elif font is not None:
                    cmap, width = cmaps.get(fonts.get(font, -1), ({}, 1))
                elif actual:
                    continue
                elif hexs is not None or lit is not None:
                    raw = bytes.fromhex(re.sub(rb"\s", b"", hexs).decode()) if hexs is not None else _literal(lit)
                    chunks.append("".join(cmap.get(raw[i:i + width], "") for i in range(0, len(raw), width)))
                elif et is not None:
                    chunks.append(" ")
        pages.append("".join(chunks))
    return "\n".join(pages)


_ANNOT_LINK = re.compile(rb"/Subtype\s*/Link\b")
_ACTION = re.compile(rb"/S\s*/(URI|GoToR|Launch)\b.*?/(?:URI|F)\s*\(((?:\\.|[^\\)])*)\)", re.S)
_DEST = re.compile(rb"/Dest\s*/([^\s/<>\[\]()]+)")


def links(data: bytes) -> list[tuple[str, str]]:
    """The link annotations of every page, as ``(kind, target)``: ``("URI", "06_gap_model.pdf")``,
    ``("GoToR", file)``, ``("Launch", file)`` or ``("Dest", name)`` for a link within the document.

    Examples
    --------
    >>> links(b"7 0 obj <</Type /Annot /Subtype /Link /A <</S /URI /URI (a\\\\(1\\\\).pdf)>> >> endobj")
    [('URI', 'a(1).pdf')]
    >>> links(b"8 0 obj <</Type /Annot /Subtype /Link /Dest /here>> endobj")
    [('Dest', 'here')]
    """
    out = []
    for body in _objects(data).values():
        head = body.split(b"stream", 1)[0]
        if not _ANNOT_LINK.search(head):
            continue
        m = _ACTION.search(head)
        if m:
            out.append((m.group(1).decode(), _literal(m.group(2)).decode("latin-1")))
        elif d := _DEST.search(head):
            out.append(("Dest", d.group(1).decode("latin-1")))
    return out
