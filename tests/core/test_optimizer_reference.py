"""torch.optim, driven by the engine, follows the seed notes' update rules (numpy) to 1e-6.

The numpy references get exact hand-written gradients, so nothing of torch is in them; the
engine's float64 record of each optimizer's path is compared point by point for 100 steps.
"""

import math

import numpy as np
import pytest

from playground.engine import RunContext
from playground.optim import reference
from playground.optim.config import OptimConfig, OptimizerEntry, ScheduleConfig, SurfaceConfig
from playground.optim.engine import make_engine


def grad_quadratic(condition, degrees):
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    rotation = np.array([[c, s], [-s, c]])
    hessian = rotation.T @ np.diag([condition, 1.0]) @ rotation
    return lambda p: hessian @ p


def grad_rosenbrock(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def grad_himmelblau(p):
    x, y = p
    a, b = x * x + y - 11, x + y * y - 7
    return np.array([4 * x * a + 2 * b, 2 * a + 4 * y * b])


def grad_beale(p):
    x, y = p
    terms = [(1.5, 1), (2.25, 2), (2.625, 3)]
    gx = sum(2 * (c - x + x * y**k) * (y**k - 1) for c, k in terms)
    gy = sum(2 * (c - x + x * y**k) * (k * x * y ** (k - 1)) for c, k in terms)
    return np.array([gx, gy])


# surface config, exact gradient, start point, view
SURFACES = {
    "quadratic": (SurfaceConfig(kind="quadratic", condition=10, rotation_deg=30), grad_quadratic(10, 30), (-2.5, 2.0)),
    "rosenbrock": (SurfaceConfig(kind="rosenbrock"), grad_rosenbrock, (-1.2, 1.0)),
    "himmelblau": (SurfaceConfig(kind="himmelblau"), grad_himmelblau, (0.5, -0.5)),
    "beale": (SurfaceConfig(kind="beale"), grad_beale, (1.0, 1.5)),
}

# One racer of each kind, with learning rates that stay on every surface above for 100 steps.
RACERS = [
    OptimizerEntry.of_kind("sgd", lr=1e-3),
    OptimizerEntry.of_kind("momentum", lr=5e-4, momentum=0.9),
    OptimizerEntry.of_kind("nesterov", lr=5e-4, momentum=0.8),
    OptimizerEntry.of_kind("adagrad", lr=0.1),
    OptimizerEntry.of_kind("rmsprop", lr=0.01, rho=0.9),
    OptimizerEntry.of_kind("adadelta", lr=1.0, rho=0.9, eps=1e-4),
    OptimizerEntry.of_kind("adam", lr=0.02, beta1=0.8, beta2=0.99),
    OptimizerEntry.of_kind("adamw", lr=0.02, weight_decay=0.1),
]


def engine_paths(surface, start, racers, steps=100, noise=0.0):
    config = OptimConfig(surface=surface, optimizers=racers, start_x=start[0], start_y=start[1],
                         x_min=-5, x_max=5, y_min=-5, y_max=5, noise_sigma=noise)
    engine = make_engine(config, RunContext(seed=0))
    engine.advance(steps)
    _, rows = engine.history.columns(engine.step, engine.current)
    return engine, rows[:, :, :2]  # (k, steps + 1, 2), float64


@pytest.mark.parametrize("name", SURFACES)
def test_torch_optim_follows_the_seed_formulas_for_100_steps(name):
    surface, grad, start = SURFACES[name]
    engine, paths = engine_paths(surface, start, RACERS)
    assert not any(engine.diverged_at), engine.reasons
    for index, entry in enumerate(RACERS):
        expected = reference.trajectory(entry, start, grad, 100)
        assert np.abs(expected - paths[index]).max() < 1e-6, f"{entry.kind} on {name}"
        # The racers really moved, so the agreement says something.
        assert np.linalg.norm(expected[-1] - expected[0]) > 1e-3, f"{entry.kind} on {name} did not move"


VARIANTS = [
    OptimizerEntry.of_kind("sgd", lr=2e-3, weight_decay=0.5),
    OptimizerEntry.of_kind("sgd", lr=2e-3, schedule=ScheduleConfig(kind="step", step_size=20, gamma=0.5)),
    OptimizerEntry.of_kind("sgd", lr=2e-3, schedule=ScheduleConfig(kind="exponential", gamma=0.98)),
    OptimizerEntry.of_kind("adam", lr=0.05, schedule=ScheduleConfig(kind="cosine", t_max=60, lr_min=0.005)),
    OptimizerEntry.of_kind("adam", lr=0.01, bias_correction=False),
    OptimizerEntry.of_kind("adamw", lr=0.01, weight_decay=0.5, bias_correction=False),
    OptimizerEntry.of_kind("adam", lr=0.01, weight_decay=0.3),
    OptimizerEntry.of_kind("rmsprop", lr=0.01, weight_decay=0.2, schedule=ScheduleConfig(kind="step", step_size=30)),
]


def test_weight_decay_schedules_and_adam_without_bias_correction_follow_the_references():
    surface, grad, start = SURFACES["rosenbrock"]
    engine, paths = engine_paths(surface, start, VARIANTS)
    for index, entry in enumerate(VARIANTS):
        expected = reference.trajectory(entry, start, grad, 100)
        assert np.abs(expected - paths[index]).max() < 1e-6, entry


def test_nesterov_torch_stores_the_look_ahead_point():
    """torch's parameter is θ − βm of the seed's recursion, not θ."""
    surface, grad, start = SURFACES["quadratic"]
    entry = OptimizerEntry.of_kind("nesterov", lr=0.01, momentum=0.9)
    _, paths = engine_paths(surface, start, [entry], steps=30)
    rule = reference.Nesterov(entry, start)
    for _ in range(30):
        rule.step(grad)
    assert np.allclose(paths[0, -1], rule.theta - 0.9 * rule.m, atol=1e-9)
    assert not np.allclose(paths[0, -1], rule.theta, atol=1e-3)


def test_momentum_reaches_one_over_one_minus_beta_times_the_gradient_step():
    """Seed: with a constant gradient momentum moves 1/(1 − β) times as fast as GD."""
    surface = SurfaceConfig(kind="formula", formula="x")
    entry = OptimizerEntry.of_kind("momentum", lr=0.01, momentum=0.9)
    engine, paths = engine_paths(surface, (4.0, 0.0), [entry], steps=200)
    speed = paths[0, -2, 0] - paths[0, -1, 0]
    assert speed == pytest.approx(0.01 / (1 - 0.9), rel=1e-8)


def test_adagrad_steps_shrink_like_one_over_root_t():
    """On a constant gradient g, G_t = t·g², so AdaGrad's t-th step is η/√t."""
    surface = SurfaceConfig(kind="formula", formula="3*x")
    entry = OptimizerEntry.of_kind("adagrad", lr=0.1, eps=1e-10)
    engine, paths = engine_paths(surface, (4.0, 0.0), [entry], steps=100)
    steps = paths[0, :-1, 0] - paths[0, 1:, 0]
    t = np.arange(1, 101)
    assert np.allclose(steps, 0.1 / np.sqrt(t), rtol=1e-8)


def test_adam_first_step_is_lr_per_coordinate_and_3_16_lr_without_bias_correction():
    surface = SurfaceConfig(kind="formula", formula="5*x - 0.2*y")
    with_bc = OptimizerEntry.of_kind("adam", lr=0.01)
    without = OptimizerEntry.of_kind("adam", lr=0.01, bias_correction=False)
    _, paths = engine_paths(surface, (0.0, 0.0), [with_bc, without], steps=1)
    assert np.allclose(paths[0, 1], [-0.01, 0.01], rtol=1e-6)
    # m = 0.1·g, v = 0.001·g²: the step is η·0.1·g/(√0.001·|g| + ε) ≈ 3.162η per coordinate.
    g = np.array([5.0, -0.2])
    assert np.allclose(paths[1, 1], -0.01 * 0.1 * g / (math.sqrt(0.001) * np.abs(g) + 1e-8), rtol=1e-9)
    assert abs(paths[1, 1, 0]) == pytest.approx(3.162e-2, rel=1e-3)


def test_sgd_on_the_quadratic_contracts_by_one_minus_lr_lambda():
    """Along each eigenvector the error is multiplied by (1 − ηλ) every step."""
    surface = SurfaceConfig(kind="quadratic", condition=10, rotation_deg=0)
    entry = OptimizerEntry.of_kind("sgd", lr=0.05)
    _, paths = engine_paths(surface, (1.0, 1.0), [entry], steps=40)
    t = np.arange(41)
    assert np.allclose(paths[0, :, 0], (1 - 0.05 * 10) ** t, atol=1e-12)
    assert np.allclose(paths[0, :, 1], (1 - 0.05 * 1) ** t, atol=1e-12)
