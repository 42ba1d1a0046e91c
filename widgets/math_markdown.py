"""Lesson notes: markdown whose $...$ and $$...$$ formulas are drawn as math, not shown as LaTeX.

matplotlib's mathtext renders each formula to a PNG (cached); the markdown becomes HTML with
those images, for a QTextBrowser. A formula mathtext cannot parse is shown as code, not a crash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from functools import lru_cache

import markdown

DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
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
    tex = tex.strip().replace("\\operatorname", "\\mathrm")
    tex = re.sub(r"\\(left|right)(?![a-zA-Z])", "", tex)  # \left( -> (, but keep \leftarrow
    tex = re.sub(r"\\[td]?frac(\d)(\d)", r"\\frac{\1}{\2}", tex)  # \tfrac14 -> \frac{1}{4}
    for macro, plain in MACROS.items():  # LaTeX spellings mathtext does not know
        tex = re.sub(macro + r"(?![a-zA-Z])", lambda _m, p=plain: p, tex)
    tex = tex.replace("\\text{", "\\mathrm{").replace("\\mathbb{E}", "\\mathbb{E}")
    return re.sub(r"\\(begin|end)\{[a-z*]+\}", "", tex)


def _image(tex: str, display: bool, colour: str, scale: float) -> str:
    png = formula_png(_clean(tex), (13.0 if display else 10.0) * scale, colour)
    if png is None:
        return f"<code>{html.escape(tex)}</code>"
    data = base64.b64encode(png).decode()
    tag = f'<img src="data:image/png;base64,{data}" align="middle" alt="{html.escape(tex, quote=True)}"/>'
    return f'<p align="center">{tag}</p>' if display else tag


def render(text: str, colour: str = "#202020", scale: float = 1.0) -> str:
    """Markdown with formulas -> HTML for QTextBrowser."""
    placeholders: dict[str, str] = {}

    def keep(match: re.Match, display: bool) -> str:
        key = "MATH" + hashlib.md5(match.group(0).encode()).hexdigest() + str(len(placeholders))
        placeholders[key] = _image(match.group(1), display, colour, scale)
        return f"\n\n{key}\n\n" if display else key

    text = DISPLAY.sub(lambda m: keep(m, True), text)
    text = INLINE.sub(lambda m: keep(m, False), text)
    body = markdown.markdown(text, extensions=["tables", "fenced_code"])
    for key, value in placeholders.items():
        body = body.replace(f"<p>{key}</p>", value).replace(key, value)
    return body
