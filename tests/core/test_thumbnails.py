"""Every shipped preset has a gallery thumbnail rendered from it (scripts/make_thumbnails.py)."""

import pytest

from playground.presets import shipped_presets


@pytest.mark.parametrize("path", shipped_presets(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_preset_has_a_png_thumbnail(path):
    thumb = path.with_suffix(".png")
    assert thumb.exists(), f"run scripts/make_thumbnails.py {path.parent.name}"
    data = thumb.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (240, 150)
