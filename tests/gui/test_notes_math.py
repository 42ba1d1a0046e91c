"""Every formula in every shipped lesson is drawn as math, never left as raw LaTeX."""

import pytest

from playground.presets import load_preset, shipped_presets
from widgets.math_markdown import DISPLAY, INLINE, _clean, formula_png


def formulas(notes: str) -> list[str]:
    found = [m.group(1) for m in DISPLAY.finditer(notes)]
    found += [m.group(1) for m in INLINE.finditer(DISPLAY.sub("", notes))]
    return found


@pytest.mark.parametrize("path", shipped_presets(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_formula_in_the_notes_renders(path):
    notes = load_preset(path).notes
    broken = [tex for tex in formulas(notes) if formula_png(_clean(tex)) is None]
    assert not broken, broken
