import os

# Every test runs without a display; GUI tests use pytest-qt on the offscreen platform.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PLAYGROUND_NO_AUTOSAVE_PROMPT", "1")

import pytest

from playground import presets, registry

COUNTER = registry.PanelSpec("counter", "Counter", "tests.fakes.counter", "Tests")


def _clear_caches():
    registry.panels.cache_clear()
    presets.preset_class.cache_clear()
    presets._adapter.cache_clear()


@pytest.fixture
def counter_panel(monkeypatch):
    """Add the fake 'counter' panel to the registry (first, so it is the first tab) for one test."""
    monkeypatch.setattr(registry, "ALL_PANELS", (COUNTER, *registry.ALL_PANELS))
    _clear_caches()
    yield COUNTER
    monkeypatch.undo()
    _clear_caches()


@pytest.fixture
def start_method(request, monkeypatch):
    """The host start method of this test: its parameter (tests/start_methods.py), else the platform's."""
    import multiprocessing

    from playground.host import START_METHOD_ENV, host_start_method

    method = getattr(request, "param", None)
    if method is None:
        return host_start_method()
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"this platform has no {method!r} start method")
    monkeypatch.setenv(START_METHOD_ENV, method)
    return method
