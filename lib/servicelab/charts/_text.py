"""Text helpers shared by the chart modules: box labels broken into lines."""
from __future__ import annotations


def wrap_label(text: str, width: int) -> str:
    """Break ``text`` into lines of about ``width`` characters (CJK: per character; else per word).

    Examples
    --------
    >>> wrap_label("查验货物、定承运方式", 4)
    '查验货物、\\n定承运\\n方式'
    >>> wrap_label("Checks goods, picks carrier", 14)
    'Checks goods,\\npicks carrier'
    """
    if any("\u2e80" <= ch <= "\u9fff" for ch in text):
        lines = [text[i:i + width] for i in range(0, len(text), width)]
        for i in range(1, len(lines)):  # a line never starts with a punctuation mark
            while lines[i] and lines[i][0] in "、，。；：）":
                lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
        return "\n".join(line for line in lines if line)
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])
