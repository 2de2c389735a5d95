"""The notebooks' prose renders as written: no currency amount turns into italic maths.

JupyterLab and Voilà treat two dollar signs in one markdown cell as the ends of an inline formula,
so "US$ 359 … US$ 12" renders "359 … US" as italic maths. The markdown escape ``\\$`` does not
help: the renderers turn it into a bare ``$`` before MathJax reads the page, and MathJax pairs it
(checked in JupyterLab 4 and Voilà 0.5 with this project's pins). Prose writes amounts as
"USD 359" (or ``\\\\$``, which reaches MathJax as ``\\$`` and shows a dollar sign).

A ``$…$`` (or ``$$…$$``) pair counts as *intended* maths when its content looks like TeX: no leading
or trailing space, no Chinese text outside ``\\text{}``, only the characters of a formula, and
either a TeX command, a sub/superscript, a relation or operator, or a single symbol.
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)  # code spans and fences are not maths
_LITERAL = re.compile(r"\\\\\$")  # \\$ in the source: MathJax sees \$ and shows a dollar sign
_DOLLAR = re.compile(r"\$")  # any other dollar sign, escaped or not, can open or close maths
_TEX_CHARS = re.compile(r"^[A-Za-z0-9\s\\{}_^()\[\]=+\-−*/<>≤≥,.;:|'!&~·…×÷]+$")
_TEX_SIGNAL = re.compile(r"\\[A-Za-z]+|[_^=<>≤≥+\-−]")
_SYMBOL = re.compile(r"^[A-Za-z]{1,3}$")  # a variable name such as $k$ or $SQ$
_CURRENCY = re.compile(r"(?<![A-Za-z])(?:US|HK|NT|A|C|S)\\?\$(?!\$)|\$\s?\d")


def _is_maths(content: str) -> bool:
    if not content or content != content.strip():
        return False
    content = re.sub(r"\\(?:text|mathrm|textbf|mbox)\{[^{}]*\}", r"\\text{x}", content)  # words inside \text{} may be Chinese
    if re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", content):
        return False
    return bool(_TEX_CHARS.match(content)) and bool(_TEX_SIGNAL.search(content) or _SYMBOL.match(content))


def dollar_problems(markdown: str) -> list[str]:
    """Unescaped ``$`` that would render as maths by accident, as short descriptions.

    Examples
    --------
    >>> dollar_problems("about US$ 359 each … spent US$ 12")
    ['currency sign: "US$ 359"', 'currency sign: "US$ 12"', 'unescaped $ pair: "$ 359 each … spent US$"']
    >>> dollar_problems(r"about USD 359 each; $G = P - E$ and $$\\alpha = \\frac{k}{k-1}$$")
    []
    >>> dollar_problems(r"about US\\$ 359 each … US\\$ 12")[0]  # the markdown escape still renders as maths
    'currency sign: "US\\\\$ 359"'
    >>> dollar_problems(r"about US\\\\$ 359 each … US\\\\$ 12")
    []
    """
    text = _LITERAL.sub("USD", _CODE.sub("", markdown))
    problems = [f'currency sign: "{text[m.start():m.end() + 4].strip()}"' for m in _CURRENCY.finditer(text)]
    text = _DOLLAR.sub("\0", text)
    text = re.sub("\0\0(.*?)\0\0", lambda m: "" if _is_maths(m.group(1).strip()) else f"\1{m.group(1)}\1", text, flags=re.S)
    for m in re.finditer("\0([^\0]*)\0", text):
        if not _is_maths(m.group(1)):
            problems.append(f'unescaped $ pair: "${m.group(1)[:60]}$"')
    if "\1" in text:
        problems.append("display maths $$…$$ that is not a formula")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_dollar_sign_in_prose_renders_as_maths(path):
    nb = nbformat.read(path, as_version=4)
    found = [f"cell {i}: {p}" for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
             for p in dollar_problems(cell.source)]
    assert not found, f"{path.name}: write USD 359 (not US$ or US\\$) for an amount in prose\n" + "\n".join(found)


@pytest.mark.parametrize("text", ["spent US$ 12 on average", "costs $ 5 and $ 6", "HK$ 3.5 or HK$ 4",
                                  r"about US\$ 359 each … spent US\$ 12"])
def test_currency_patterns_are_caught(text):
    assert dollar_problems(text)


@pytest.mark.parametrize("text", [r"$v_j$ and $r_{ij}$", r"$x_{(1)} \le \dots \le x_{(n)}$", "$G = P - E$", "$k$",
                                  r"$$S_i = \sum_j w_j\, r_{ij}$$", r"USD 359 and USD 12", r"US\\$ 359 and US\\$ 12", "`$HOME` and `$PATH`",
                                  r"$\text{部分得分} = \max\left(0, \dfrac{a}{b}\right)$"])
def test_intended_maths_and_escaped_dollars_pass(text):
    assert dollar_problems(text) == []
