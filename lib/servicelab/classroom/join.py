"""Joining a class: the QR code of the join URL (segno), as SVG for the panel and as text for a terminal."""
from __future__ import annotations

import io

#: Error correction "M" (15 %): scans off a projector even with glare, and keeps the code small.
ERROR_LEVEL = "m"


def qr_svg(url: str, *, scale: int = 12, border: int = 4, title: str | None = None, fill: bool = False) -> str:
    """An SVG QR code of ``url``, big enough to scan from the back of a room.

    Parameters
    ----------
    url : str
        The join URL (code included).
    scale : int
        Pixels per module: at the default 12 a join URL (version 3, 29 modules, plus a 4-module
        quiet zone) is 444 px wide — about a fifth of a 1080p projector image.
    border : int
        Quiet zone in modules (the QR standard asks for 4).
    title : str, optional
        Accessible title of the image (``<title>``), e.g. the URL in words.
    fill : bool, default False
        Leave out the fixed size (only a ``viewBox``) and fill the element it is put in
        (``width="100%" height="100%"``), e.g. a projector panel's box of a chosen size.

    Returns
    -------
    str
        An ``<svg>`` element (no XML declaration), black on white, to put inline in HTML.

    Notes
    -----
    Made with segno (BSD licence), a QR Code library written in pure Python that follows
    ISO/IEC 18004:2015; nothing is fetched from the internet.

    References
    ----------
    ISO/IEC 18004:2015, *QR Code bar code symbology specification*.

    Examples
    --------
    >>> svg = qr_svg("http://127.0.0.1:8765/?c=AB3KXY")
    >>> svg.startswith("<svg") and 'width="444"' in svg
    True
    >>> qr_svg("http://127.0.0.1:8765/?c=AB3KXY", fill=True)[:48]
    '<svg width="100%" height="100%" viewBox="0 0 444'
    """
    import segno

    qr = segno.make(url, error=ERROR_LEVEL, micro=False)
    svg = qr.svg_inline(scale=scale, border=border, dark="#000", light="#fff", title=title, omitsize=fill)
    return svg.replace("<svg ", '<svg width="100%" height="100%" ', 1) if fill else svg


def qr_text(url: str) -> str:
    """The QR code of ``url`` drawn with block characters, for a terminal (two modules per line).

    Examples
    --------
    >>> lines = qr_text("http://127.0.0.1:8765/?c=AB3KXY").splitlines()
    >>> len(lines) > 10
    True
    """
    import segno

    out = io.StringIO()
    segno.make(url, error=ERROR_LEVEL, micro=False).terminal(out=out, compact=True, border=2)
    return out.getvalue()
