r"""Lesson notes: markdown whose $...$ and $$...$$ formulas are drawn as math, not shown as LaTeX.

matplotlib's mathtext renders each formula to a PNG (cached); the markdown becomes HTML with
those images, for a QTextBrowser. A formula mathtext cannot parse is shown as code, not a crash.

Fitting a narrow dock: a display formula is drawn one part per line where the notes separate its
parts with ``\qquad``; an image still wider than the column (``max_width``) is drawn scaled down to
it, and a formula in a table cell to a share of it, so that the table's text column keeps its width.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
import struct
from functools import lru_cache

import markdown

DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
# A top-level \qquad in a display formula separates two formulas: in a narrow column, two lines.
PART_BREAK = re.compile(r",?\s*\\qquad\s*")
# In a table cell, ",\ " and \quad separate formulas too (the optimizer table's update rules).
CELL_PART_BREAK = re.compile(r",?\s*\\q?quad\s*|,\\ \s*")
LIST_INDENT = 48  # px Qt indents a list item by (40) and a little: an inline formula there has less room
TABLE_IMAGE_SHARE = 0.6  # of the column: the rest is left to the table's text column
# A ">" that starts a line but is not followed by a space is a comparison (">= 90%" wrapped onto a
# new line), not a quote; a real quote is written "> text".
LINE_START_COMPARISON = re.compile(r"^(\s*)>(?=[=\d])", re.M)
INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<!\\)\$")


@lru_cache(maxsize=512)
def formula_png(tex: str, size: float = 11.0, colour: str = "#202020", dpi: int = 100) -> bytes | None:
    """PNG bytes of one formula, or None when mathtext cannot parse it."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:  # without matplotlib the formulas stay readable as code
        return None

    figure = Figure(figsize=(0.01, 0.01))
    FigureCanvasAgg(figure)
    figure.text(0, 0, f"${tex}$", fontsize=size, color=colour)
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, dpi=dpi, format="png", transparent=True, bbox_inches="tight", pad_inches=0.03)
    except (ValueError, RuntimeError):
        return None
    return buffer.getvalue()


MACROS = {  # regex of a LaTeX macro -> what mathtext understands
    r"\\le": r"\leq", r"\\ge": r"\geq", r"\\bmod": r"\ \mathrm{mod}\ ", r"\\tfrac": r"\frac",
    r"\\lvert": "|", r"\\rvert": "|", r"\\lVert": r"\|", r"\\rVert": r"\|", r"\\coloneqq": ":=",
    r"\\displaystyle": "", r"\\textstyle": "",
}


def _clean(tex: str) -> str:
    # mathtext knows most of what lecture notes use; map the few it does not.
    # A formula written over several lines is one formula: matplotlib splits a text at newlines
    # before it looks for $...$, so a line break left in drew the LaTeX source, not the math.
    tex = " ".join(tex.split()).replace("\\operatorname", "\\mathrm")
    tex = re.sub(r"\\(left|right)(?![a-zA-Z])", "", tex)  # \left( -> (, but keep \leftarrow
    tex = re.sub(r"\\[td]?frac(\d)(\d)", r"\\frac{\1}{\2}", tex)  # \tfrac14 -> \frac{1}{4}
    for macro, plain in MACROS.items():  # LaTeX spellings mathtext does not know
        tex = re.sub(macro + r"(?![a-zA-Z])", lambda _m, p=plain: p, tex)
    tex = tex.replace("\\text{", "\\mathrm{").replace("\\mathbb{E}", "\\mathbb{E}")
    return re.sub(r"\\(begin|end)\{[a-z*]+\}", "", tex)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from the PNG's header chunk."""
    return struct.unpack(">II", png[16:24])


def display_parts(tex: str, breaks: re.Pattern = PART_BREAK) -> list[str]:
    """The formulas a display block holds, split at its top-level \\qquad separators (or ``breaks``)."""
    depth, parts, start = 0, [], 0
    for match in re.finditer(r"[{}]|" + breaks.pattern, tex):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            parts.append(tex[start:match.start()])
            start = match.end()
    parts.append(tex[start:])
    return [part.strip() for part in parts if part.strip()]


def _image(tex: str, display: bool, colour: str, scale: float, max_width: int | None = None) -> str:
    png = formula_png(_clean(tex), (13.0 if display else 10.0) * scale, colour)
    if png is None:
        return f"<code>{html.escape(tex)}</code>"
    data = base64.b64encode(png).decode()
    size = ""
    width, height = png_size(png)
    if max_width and width > max_width:  # scaled down to the column, not cut at its edge
        size = f' width="{max_width}" height="{max(1, round(height * max_width / width))}"'
    return f'<img src="data:image/png;base64,{data}"{size} align="middle" alt="{html.escape(tex, quote=True)}"/>'


def _display(tex: str, colour: str, scale: float, max_width: int | None) -> str:
    """A display formula, centred; one part per line when it is too wide for the column whole."""
    whole = _image(tex, True, colour, scale)
    parts = display_parts(tex)
    png = formula_png(_clean(tex), 13.0 * scale, colour)
    if len(parts) > 1 and max_width and png is not None and png_size(png)[0] > max_width:
        return "".join(f'<p align="center">{_image(part, True, colour, scale, max_width)}</p>' for part in parts)
    if max_width:
        whole = _image(tex, True, colour, scale, max_width)
    return f'<p align="center">{whole}</p>'


def _fit_table_cells(body: str, colour: str, scale: float, max_width: int | None) -> str:
    """In a table with formulas, text cells do not wrap (a column of names was squeezed to a letter
    a line by the wide formula beside it), and a formula in a cell takes at most TABLE_IMAGE_SHARE
    of the column: split one part per line at its separators, and what is still too wide scaled
    down. A table of text and numbers only keeps wrapping, so that it fits the column."""
    def table(match: re.Match) -> str:
        if "<img" not in match.group(0):
            return match.group(0)
        return re.sub(r"<(td|th)>(.*?)</\1>", cell, match.group(0), flags=re.S)

    def cell(match: re.Match) -> str:
        tag, content = match.group(1), match.group(2)
        if "<img" not in content:
            return f'<{tag} style="white-space: nowrap">{content}</{tag}>'
        if max_width:
            limit = int(max_width * TABLE_IMAGE_SHARE)
            content = re.sub(r'<img [^>]*alt="([^"]*)"/>', lambda m: _cell_formula(
                html.unescape(m.group(1)), colour, scale, limit), content)
        return f"<{tag}>{content}</{tag}>"

    return re.sub(r"<table>.*?</table>", table, body, flags=re.S)


def _cell_formula(tex: str, colour: str, scale: float, limit: int) -> str:
    png = formula_png(_clean(tex), 10.0 * scale, colour)
    if png is None or png_size(png)[0] <= limit:
        return _image(tex, False, colour, scale)
    return "<br/>".join(_image(part, False, colour, scale, limit) for part in display_parts(tex, CELL_PART_BREAK))


def render(text: str, colour: str = "#202020", scale: float = 1.0, max_width: int | None = None) -> str:
    """Markdown with formulas -> HTML for QTextBrowser; ``max_width``: the column's width in pixels."""
    placeholders: dict[str, str] = {}

    def keep(match: re.Match, display: bool) -> str:
        key = "MATH" + hashlib.md5(match.group(0).encode()).hexdigest() + str(len(placeholders))
        tex = match.group(1)
        placeholders[key] = _display(tex, colour, scale, max_width) if display else _image(
            tex, False, colour, scale, max_width and max_width - LIST_INDENT)
        return f"\n\n{key}\n\n" if display else key

    text = DISPLAY.sub(lambda m: keep(m, True), text)
    text = INLINE.sub(lambda m: keep(m, False), text)
    text = LINE_START_COMPARISON.sub(lambda m: m.group(1) + "\\>", text)
    body = markdown.markdown(text, extensions=["tables", "fenced_code"])
    for key, value in placeholders.items():
        body = body.replace(f"<p>{key}</p>", value).replace(key, value)
    # Code blocks wrap in a narrow column (one preformatted line cut the notes at the dock's edge).
    body = body.replace("<pre>", '<pre style="white-space: pre-wrap">')
    return _fit_table_cells(body, colour, scale, max_width)
