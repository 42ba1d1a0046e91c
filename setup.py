"""The one thing pyproject.toml cannot say: ship the top-level ``presets/`` inside the package.

The presets stay at ``presets/<panel>/`` in a checkout (the README, docs and tests name those
paths); in a wheel they become the package data ``playground/presets_data/<panel>/``. Every panel
folder is found by listing ``presets/``, so a new panel's presets ship without a line added here
(tests/core/test_wheel.py builds the wheel and compares its presets with the tree).
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
PRESETS = "playground.presets_data"
# Each panel folder is a package of its own, or setuptools warns that it would be ignored.
preset_packages = [PRESETS, *(f"{PRESETS}.{d.name}" for d in sorted((HERE / "presets").iterdir()) if d.is_dir())]

setup(
    packages=[*find_packages(include=["playground*", "widgets*"]), *preset_packages],
    package_dir={PRESETS: "presets"},
    package_data={**{package: ["*.json", "*.png"] for package in preset_packages},
                  # the char_lm mode's corpus (playground/language/data/README.md says where it comes from)
                  "playground.language": ["data/*.txt", "data/*.md"]},
)
