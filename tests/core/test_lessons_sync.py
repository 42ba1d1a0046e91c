"""Every panel's shipped presets are exactly what its ``lessons.py`` builds.

Each lessons module has the same API: ``PANEL``, ``LESSONS`` (file stem -> lesson), ``build(name)``
and ``write_all(folder)`` (through ``playground.presets.write_lessons``), run as
``python -m playground.<package>.lessons``. Edit a lesson there, then regenerate its presets.
"""

import importlib

import pytest

from playground import presets, registry

PANELS = [spec for spec in registry.panels()]


def lessons_of(spec):
    return importlib.import_module(f"playground.{spec.package}.lessons")


@pytest.mark.parametrize("spec", PANELS, ids=lambda spec: spec.key)
def test_lessons_module_has_the_common_api(spec):
    module = lessons_of(spec)
    assert module.PANEL == spec.key
    assert module.LESSONS and all(isinstance(name, str) for name in module.LESSONS)
    assert callable(module.build) and callable(module.write_all)


@pytest.mark.parametrize("spec", PANELS, ids=lambda spec: spec.key)
def test_regenerated_lessons_equal_the_shipped_presets_byte_for_byte(spec, tmp_path):
    module = lessons_of(spec)
    shipped = presets.presets_dir() / spec.key
    for written in module.write_all(tmp_path):
        assert written.read_bytes() == (shipped / written.name).read_bytes(), (
            f"{spec.key}/{written.name} differs from lessons.py: run python -m playground.{spec.package}.lessons")


@pytest.mark.parametrize("spec", PANELS, ids=lambda spec: spec.key)
def test_every_shipped_preset_is_built_by_a_lesson(spec):
    module = lessons_of(spec)
    shipped = {path.stem for path in (presets.presets_dir() / spec.key).glob("*.json")}
    assert shipped == set(module.LESSONS), (
        f"presets/{spec.key}/ has {sorted(shipped - set(module.LESSONS))} that no lesson builds "
        f"and lacks {sorted(set(module.LESSONS) - shipped)}")
