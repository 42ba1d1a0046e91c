"""DeferredRows: curve points kept as tensors until read, then exactly what a host ring would hold."""

import numpy as np
import pytest
import torch

from playground.conv.history import Ring as ConvRing
from playground.deferred import DeferredRows
from playground.generative.models import Ring as CurveRing


def test_rows_reach_the_ring_in_order_with_exact_values():
    rows = DeferredRows(CurveRing(3, capacity=4))
    third = torch.tensor(1 / 3, dtype=torch.float32)
    rows.append(0, third, torch.tensor(2.5, dtype=torch.float64))
    rows.append(1, 7.0, torch.tensor(-1.0))
    ring = rows.settle()
    assert ring.column(0).tolist() == [0.0, 1.0]
    assert ring.column(1).tolist() == [float(third), 7.0]  # float32 1/3 widened, not rounded again
    assert ring.column(2).tolist() == [2.5, -1.0]
    assert not rows.waiting and rows.settle() is ring  # settling twice adds nothing


def test_more_rows_than_the_ring_holds_keep_the_newest_as_a_host_ring_would():
    for ring_type in (CurveRing, ConvRing):
        host, deferred = ring_type(2, capacity=3), DeferredRows(ring_type(2, capacity=3))
        for step in range(8):
            host.append(step, step * step)
            deferred.append(step, torch.tensor(float(step * step)))
        settled = deferred.settle()
        assert len(deferred.waiting) == 0
        assert np.array_equal(settled.column(0), host.column(0)) and settled.column(0).tolist() == [5.0, 6.0, 7.0]
        assert np.array_equal(settled.column(1), host.column(1))


def test_to_row_turns_host_values_into_the_row():
    rows = DeferredRows(CurveRing(2), to_row=lambda step, values: (step, float(np.mean(values))))
    rows.append(3, torch.tensor([1.0, 2.0, 6.0]))
    assert rows.settle().last(1) == 3.0


def _presets_of(*panels):
    from playground.presets import shipped_presets

    return [pytest.param(p, id=f"{p.parent.name}/{p.stem}") for p in shipped_presets() if p.parent.name in panels]


@pytest.mark.parametrize("path", _presets_of("attention", "generative"))
def test_evaluations_inside_advance_read_nothing_back(path, monkeypatch):
    """test_gpu's 3 steps fall between two curve points; here every other step makes one (eval_every = 2)."""
    from playground.engine import build_engine
    from playground.presets import load_preset
    from tests.core.test_gpu import _host_reads

    preset = load_preset(path)
    config = preset.config.model_copy(update={"eval_every": 2})
    engine = build_engine(preset.model_copy(update={"device": "cpu", "config": config}))
    engine.advance(2)
    reads = _host_reads(engine, 4, monkeypatch)
    assert reads == {}, f"advance() read tensors back: {reads}"
    deferred = getattr(engine, "_history", None)
    if deferred is not None:  # the curve points were made, and wait for the snapshot
        assert len(deferred.waiting) >= 2
