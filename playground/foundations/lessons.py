"""The shipped lesson presets of the foundations panel, written here so their notes live beside the math.

``python -m playground.foundations.lessons`` (re)writes ``presets/foundations/*.json``; a test checks the shipped
files equal what this module makes. Each mode's lessons are a dict in its own block below, with
``notes`` and ``notes_zh`` (the same formulas, in Chinese); figures quoted in the notes are measured
with seed 0 and checked by the mode's tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

PANEL = "foundations"

# --- perceptron lessons ----------------------------------------------------------

# --- end perceptron lessons ------------------------------------------------------

# --- regression lessons ----------------------------------------------------------

# --- end regression lessons ------------------------------------------------------

# --- backprop lessons ----------------------------------------------------------

# --- end backprop lessons ------------------------------------------------------

# --- gradient_check lessons ----------------------------------------------------------

# --- end gradient_check lessons ------------------------------------------------------

# --- information lessons ----------------------------------------------------------

# --- end information lessons ------------------------------------------------------

# --- activations lessons ----------------------------------------------------------

# --- end activations lessons ------------------------------------------------------


LESSONS: dict[str, dict] = {
    # perceptron lessons

    # regression lessons

    # backprop lessons

    # gradient_check lessons

    # information lessons

    # activations lessons

}


def tidy(notes: str) -> str:
    """Notes as stored: no blank lines around them, one final newline."""
    return notes.strip() + "\n" if notes.strip() else ""


def build(name: str):
    """The preset of lesson ``name``: the lesson's ``speed`` (steps per second, None: as fast as it goes)."""
    from playground.presets import new_preset

    lesson = LESSONS[name]
    return new_preset(PANEL, title=lesson["title"], notes=tidy(lesson["notes"]), notes_zh=tidy(lesson["notes_zh"]),
                      seed=0, device="auto", speed=lesson.get("speed"), config=lesson["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped presets folder of this panel)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
