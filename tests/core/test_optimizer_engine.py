"""The race engine: chunk invariance, divergence, the bounded record, surfaces, snapshots."""

import json
import math

import numpy as np
import pytest
import torch

from playground.engine import EngineError, RunContext, run
from playground.optim import surfaces
from playground.optim.config import OptimConfig, OptimizerEntry, ScheduleConfig, SurfaceConfig
from playground.optim.engine import History, make_engine
from playground.optim.landscape import MLPLandscape
from playground.optim.schedules import lr_at


def race(**fields):
    return OptimConfig(**fields)


def test_chunk_invariance_with_noise_and_schedules():
    config = race(noise_sigma=0.5, optimizers=[
        OptimizerEntry.of_kind("sgd", lr=1e-3),
        OptimizerEntry.of_kind("adam", lr=0.05, schedule=ScheduleConfig(kind="cosine", t_max=5)),
        OptimizerEntry.of_kind("nesterov", lr=5e-4)])
    one = make_engine(config, RunContext(seed=7))
    one.advance(3)
    one.advance(5)
    other = make_engine(config, RunContext(seed=7))
    other.advance(8)
    a, b = one.snapshot(), other.snapshot()
    assert a.step == b.step == 8
    assert a.metrics == b.metrics
    for name in a.arrays:
        assert np.array_equal(a.arrays[name], b.arrays[name], equal_nan=True), name
    different_seed = make_engine(config, RunContext(seed=8))
    different_seed.advance(8)
    assert different_seed.snapshot().metrics != a.metrics  # the noise really depends on the seed


def test_snapshot_shapes_metrics_and_json_result():
    config = race()
    engine = make_engine(config, RunContext())
    gen = run(engine)
    first = next(gen)
    snap = gen.send(10)
    k = len(config.optimizers)
    assert snap.arrays["path"].shape == (k, 11, 2)
    assert snap.arrays["steps"].tolist() == list(range(11))
    assert snap.arrays["surface"].shape == (config.grid, config.grid)
    assert np.allclose(snap.arrays["path"][:, 0], [-1.2, 1.0])
    assert set(snap.metrics) == set(first.metrics) == {f"{n}/{m}" for n in ("SGD", "Momentum", "Adam")
                                                       for m in ("loss", "grad_norm")}
    # Before any step the optimizers have no state; after one, Adam's effective step is η/(√v̂ + ε).
    assert np.isnan(first.arrays["step_size"][2, 0]).all()
    v_hat = snap.arrays["second"][2, -1] / (1 - 0.999**10)
    assert np.allclose(snap.arrays["step_size"][2, -1], 0.05 / (np.sqrt(v_hat) + 1e-8), rtol=1e-4)
    assert snap.metrics["SGD/loss"] == pytest.approx(snap.tables["optimizers"][0]["loss"])
    json.dumps(engine.result())


def test_a_diverged_optimizer_is_frozen_and_marked_and_the_run_goes_on():
    # κ = 10: plain gradient descent is stable for η < 2/10.
    config = race(surface=SurfaceConfig(kind="quadratic", condition=10, rotation_deg=0),
                  start_x=1.0, start_y=1.0, x_min=-3, x_max=3, y_min=-3, y_max=3,
                  optimizers=[OptimizerEntry.of_kind("sgd", lr=0.21), OptimizerEntry.of_kind("sgd", lr=0.19)])
    engine = make_engine(config, RunContext())
    engine.advance(200)
    snap = engine.snapshot()
    fast, slow = snap.tables["optimizers"]
    assert fast["diverged"] and not slow["diverged"]
    assert "left the surface" in fast["status"]
    assert snap.diverged is None and snap.divergence() is None  # one optimizer still races
    # x_t = (1 − 10η)ᵗ = (−1.1)ᵗ leaves the escape box (1000 view widths: 6000) at t = 92.
    frozen_at = fast["diverged_at"]
    assert frozen_at == 92 and 1.1**91 < 6000 < 1.1**92
    assert snap.arrays["path"][0, -1].tolist() == snap.arrays["path"][0, frozen_at - 1].tolist()
    assert all(math.isfinite(v) for v in snap.metrics.values())
    assert slow["steps_to_tolerance"] is not None


def test_the_snapshot_says_diverged_only_when_every_optimizer_did():
    config = race(surface=SurfaceConfig(kind="quadratic", condition=10, rotation_deg=0),
                  x_min=-3, x_max=3, y_min=-3, y_max=3, start_x=1.0, start_y=1.0,
                  optimizers=[OptimizerEntry.of_kind("sgd", lr=0.25), OptimizerEntry.of_kind("sgd", lr=0.3)])
    engine = make_engine(config, RunContext())
    gen = run(engine)
    next(gen)
    snap = gen.send(300)
    assert snap.diverged and snap.diverged.startswith("diverged at step ")
    assert "every optimizer diverged" in snap.diverged


def test_history_keeps_the_first_steps_exactly_and_thins_the_rest():
    history = History((1, 1), head=4, tail=4)
    kept = []
    for step in range(40):
        if history.wants(step):
            kept.append(step)
            history.add(step, torch.tensor([[float(step)]]))
    steps, rows = history.columns(40, torch.tensor([[40.0]]))
    assert steps.tolist()[:4] == [0, 1, 2, 3]
    tail = steps.tolist()[4:-1]
    assert tail == list(range(4, 40, history.stride))[: len(tail)] and len(tail) <= 4
    assert steps[-1] == 40 and rows[0, :, 0].tolist() == steps.tolist()
    assert set(steps[:-1]) <= set(kept)  # wants() said yes to every step that was kept


def test_a_long_run_snapshot_stays_bounded():
    engine = make_engine(race(), RunContext())
    engine.advance(3000)
    snap = engine.snapshot()
    assert snap.arrays["path"].shape[1] <= 513
    assert snap.arrays["steps"][:256].tolist() == list(range(256))
    assert sum(a.nbytes for a in snap.arrays.values()) < 300_000


@pytest.mark.parametrize("kind", [k for k, info in surfaces.CATALOG.items() if info.minima and k not in ("mlp", "formula")])
def test_catalogue_minima_are_stationary_points_of_their_surfaces(kind):
    info = surfaces.CATALOG[kind]
    fn = surfaces.surface_function(SurfaceConfig(kind=kind))
    points = torch.tensor(info.minima, dtype=torch.float64, requires_grad=True)
    values = fn(points[:, 0], points[:, 1], torch)
    (grad,) = torch.autograd.grad(values.sum(), points)
    values = values.detach()
    assert grad.abs().max() < 1e-6
    # And each is the lowest point of its surface's view.
    x_min, x_max, y_min, y_max = info.view
    xs, ys = np.meshgrid(np.linspace(x_min, x_max, 301), np.linspace(y_min, y_max, 301))
    assert float(values.min()) <= fn(xs, ys, np).min() + 1e-9


def test_textbook_minimum_values():
    camel = surfaces.surface_function(SurfaceConfig(kind="six_hump_camel"))
    assert camel(surfaces.CAMEL_X, -surfaces.CAMEL_Y, np) == pytest.approx(-1.0316284534898774, abs=1e-12)
    assert surfaces.rosenbrock(1.0, 1.0, np) == 0.0
    assert surfaces.beale(3.0, 0.5, np) == 0.0
    assert surfaces.rastrigin(0.0, 0.0, np) == 0.0


def test_mlp_landscape_is_the_trained_network_at_the_origin_with_filter_normalised_directions():
    landscape = MLPLandscape("moons", hidden=8, seed=3)
    zero = torch.zeros(1, dtype=torch.float64)
    assert float(landscape(zero, zero)) == pytest.approx(landscape.train_loss, rel=1e-12)
    assert landscape.train_loss < 0.4  # it learnt the noisy moons (chance is ln 2 = 0.69)
    for direction in landscape.directions:
        for d, w in zip(direction, landscape.weights):
            assert torch.allclose(d.norm(dim=1), w.norm(dim=1))
    far = torch.tensor([1.0], dtype=torch.float64)
    assert float(landscape(far, far)) > float(landscape(zero, zero))


def test_mlp_surface_runs_and_estimates_its_minimum():
    config = race(surface=SurfaceConfig(kind="mlp", hidden=4), grid=24, x_min=-1, x_max=1, y_min=-1, y_max=1,
                  start_x=-0.8, start_y=0.7, optimizers=[OptimizerEntry.of_kind("adam", lr=0.05)])
    engine = make_engine(config, RunContext(seed=1))
    engine.advance(50)
    snap = engine.snapshot()
    assert snap.tables["surface"]["f_star_estimated"]
    assert snap.metrics["Adam/loss"] < engine.grid.values[0, 0]


def test_saddles_have_no_minimum_and_plot_f_itself():
    engine = make_engine(race(surface=SurfaceConfig(kind="saddle"), start_x=-1.5, start_y=0.01,
                              x_min=-2, x_max=2, y_min=-2, y_max=2), RunContext())
    engine.advance(5)
    table = engine.snapshot().tables["surface"]
    assert table["bounded_below"] is False and table["loss_log"] is False and table["f_star"] is None


def test_formula_nan_over_the_view_is_an_engine_error_not_a_crash():
    with pytest.raises(EngineError, match="not a number anywhere"):
        make_engine(race(surface=SurfaceConfig(kind="formula", formula="sqrt(-1 - x^2)")), RunContext())
    with pytest.raises(EngineError, match="start point"):
        make_engine(race(surface=SurfaceConfig(kind="formula", formula="log(x)"), start_x=-1.0), RunContext())


def test_formula_partly_undefined_is_reported():
    engine = make_engine(race(surface=SurfaceConfig(kind="formula", formula="sqrt(x) + y^2"), start_x=1.0,
                              x_min=-1, x_max=1, grid=20), RunContext())
    assert engine.snapshot().tables["surface"]["undefined_fraction"] == pytest.approx(0.5)


def test_no_enabled_optimizer_is_a_quiet_run():
    config = race(optimizers=[OptimizerEntry(enabled=False)])
    engine = make_engine(config, RunContext())
    engine.advance(3)
    snap = engine.snapshot()
    assert snap.metrics == {} and snap.diverged is None and snap.arrays["path"].shape == (0, 4, 2)


@pytest.mark.parametrize("kind, torch_scheduler", [
    (ScheduleConfig(kind="step", step_size=7, gamma=0.3), lambda o: torch.optim.lr_scheduler.StepLR(o, 7, 0.3)),
    (ScheduleConfig(kind="exponential", gamma=0.97), lambda o: torch.optim.lr_scheduler.ExponentialLR(o, 0.97)),
    (ScheduleConfig(kind="cosine", t_max=40, lr_min=0.01),
     lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 40, 0.01)),
])
def test_schedules_match_torch_lr_schedulers(kind, torch_scheduler):
    param = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([param], lr=0.5)
    scheduler = torch_scheduler(optimizer)
    for t in range(100):
        assert lr_at(kind, 0.5, t) == pytest.approx(optimizer.param_groups[0]["lr"], rel=1e-9, abs=1e-12)
        optimizer.step()
        scheduler.step()


def test_a_formula_minimum_is_searched_for_beyond_the_grid():
    engine = make_engine(race(surface=SurfaceConfig(kind="formula", formula="(x - 0.31)^2 + 2*(y + 0.17)^2 + 1"),
                              x_min=-1, x_max=1, y_min=-1, y_max=1, grid=16), RunContext())
    assert engine.f_star == pytest.approx(1.0, abs=1e-12)
    assert engine.minima[0] == pytest.approx((0.31, -0.17), abs=1e-6)
    assert engine.grid.lowest > 1.0 + 1e-4  # the grid alone would have missed it
    # Unbounded below: the search runs out of the view, so the lowest grid point stands.
    saddle = make_engine(race(surface=SurfaceConfig(kind="formula", formula="x^2 - y^2"), x_min=-1, x_max=1,
                              y_min=-1, y_max=1, start_x=0.5, start_y=0.1, grid=16), RunContext())
    assert saddle.f_star == saddle.grid.lowest == pytest.approx((1 / 15) ** 2 - 1)  # x = ±1/15 on 16 points


def test_the_engine_computes_on_the_cpu_whatever_device_is_asked_for():
    engine = make_engine(race(), RunContext(device="cuda:0", seed=2, gen_id=5))
    engine.advance(2)
    assert engine.ctx.device == "cpu" and engine.ctx.seed == 2 and engine.snapshot().gen_id == 5
    assert all(p.device.type == "cpu" for p in engine.params)
