"""The optimizer panel's lesson presets, written from here: ``python -m playground.optim.lessons``.

Each lesson is a config plus notes with the formulas; ``tests/core/test_optimizer_presets.py``
checks that the figures the notes quote are what the engine computes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playground.optim.config import OptimConfig
from playground.optim.config import OptimizerEntry as E
from playground.optim.config import ScheduleConfig as Sch
from playground.optim.config import SurfaceConfig as S
from playground.optim.surfaces import CATALOG


def view(kind: str, **over) -> dict:
    """A surface's usual view box and start point, as config fields."""
    info = CATALOG[kind]
    fields = dict(x_min=info.view[0], x_max=info.view[1], y_min=info.view[2], y_max=info.view[3],
                  start_x=info.start[0], start_y=info.start[1])
    fields.update(over)
    return fields


READ = ("\n\n**Reading the panel.** Dashed arrow: $-\\nabla f$, where steepest descent points. "
        "Solid arrow: the step just taken. Drag the step slider to scrub back through the run; "
        "the table gives each optimizer's steps to reach $f - f^* \\leq$ tolerance.")

PANEL = "optimizer"

LESSONS = {
    "momentum_ravine": dict(
        title="Momentum through a ravine",
        config=OptimConfig(surface=S(kind="ravine"), **view("ravine"), tolerance=1e-4, optimizers=[
            E.of_kind("sgd", lr=0.4, label="GD η=0.4", colour=0),
            E.of_kind("sgd", lr=0.1, label="GD η=0.1", colour=7),
            E.of_kind("momentum", lr=0.4, momentum=0.5, label="Momentum η=0.4 β=0.5", colour=1),
            E.of_kind("momentum", lr=0.1, momentum=0.9, label="Momentum η=0.1 β=0.9", colour=2)]),
        notes="""The surface $f(x, y) = 0.1x^2 + 2y^2$ is a long, narrow valley: its curvature across ($4$) is
twenty times its curvature along ($0.2$).

**Gradient descent** $\\theta \\leftarrow \\theta - \\eta \\nabla f(\\theta)$ multiplies the error along
each axis by $1 - \\eta\\lambda$ per step. With $\\eta = 0.4$ that is $1 - 1.6 = -0.6$ across the
valley (it zigzags) and $0.92$ along it (it creeps). A smaller $\\eta = 0.1$ stops the zigzag but
creeps even more slowly ($0.98$ per step); a larger one ($\\eta > 0.5$) diverges across.

**Momentum** keeps a velocity:

$$m \\leftarrow \\beta m + \\eta \\nabla f(\\theta), \\qquad \\theta \\leftarrow \\theta - m$$

Across the valley the gradient flips sign every step and the velocity cancels out; along the
valley it always points the same way and the velocity builds up to $\\frac{1}{1-\\beta}$ times a
gradient step. Watch the loss curves: momentum with $\\beta = 0.5$ arrives in 25 steps,
gradient descent with the same $\\eta$ in 65, and with $\\eta = 0.1$ in about 270.

*Try:* raise GD's $\\eta$ to 0.55 and watch it leave the surface.""" + READ),

    "adam_vs_sgd_rosenbrock": dict(
        title="Adam vs SGD on Rosenbrock",
        config=OptimConfig(surface=S(kind="rosenbrock"), **view("rosenbrock"), optimizers=[
            E.of_kind("sgd", lr=1e-3, label="SGD η=0.001", colour=0),
            E.of_kind("sgd", lr=3e-3, label="SGD η=0.003", colour=5),
            E.of_kind("adam", lr=0.01, label="Adam η=0.01", colour=2),
            E.of_kind("adam", lr=0.1, label="Adam η=0.1", colour=4)]),
        notes="""$f(x, y) = (1 - x)^2 + 100(y - x^2)^2$ has a curved valley whose walls are steep (gradients in
the hundreds) and whose floor is almost flat (gradients near 0.01). Its minimum is at $(1, 1)$.

**SGD** takes steps proportional to the gradient, $\\theta \\leftarrow \\theta - \\eta \\nabla f$: the
walls cap $\\eta$ (much above 0.003 it is thrown out of the valley), and with such an $\\eta$ the
steps along the flat floor are tiny. SGD is still far from $(1, 1)$ after thousands of steps.

**Adam** divides each coordinate's step by a running estimate of that coordinate's gradient size:

$$m \\leftarrow \\beta_1 m + (1-\\beta_1) g, \\qquad v \\leftarrow \\beta_2 v + (1-\\beta_2)\\, g \\odot g$$

$$\\hat m = \\frac{m}{1 - \\beta_1^t}, \\quad \\hat v = \\frac{v}{1 - \\beta_2^t}, \\qquad
\\theta \\leftarrow \\theta - \\eta\\, \\frac{\\hat m}{\\sqrt{\\hat v} + \\epsilon}$$

So its step is about $\\eta$ per coordinate whether the gradient is 100 or 0.01. Choose
*Effective step size* in the internal-state plot: Adam's $\\eta / (\\sqrt{\\hat v} + \\epsilon)$ grows
as it reaches the flat floor, while SGD's stays $\\eta$. Adam with $\\eta = 0.1$ arrives in about 700
steps; with $\\eta = 0.01$ it is still on its way after 3,000.""" + READ),

    "saddle_escape": dict(
        title="Escaping a saddle point",
        config=OptimConfig(surface=S(kind="formula", formula="x^2 + y^4/4 - y^2/2"), x_min=-2, x_max=2,
                           y_min=-2, y_max=2, start_x=1.5, start_y=0.001, tolerance=1e-3, optimizers=[
            E.of_kind("sgd", lr=0.05, label="GD", colour=0),
            E.of_kind("momentum", lr=0.05, momentum=0.9, colour=1),
            E.of_kind("rmsprop", lr=0.01, colour=5),
            E.of_kind("adam", lr=0.05, colour=2)]),
        notes="""$f(x, y) = x^2 + \\frac{y^4}{4} - \\frac{y^2}{2}$ has a saddle at the origin (a minimum along $x$,
a maximum along $y$) and two minima at $(0, \\pm 1)$ with $f = -\\frac{1}{4}$. The race starts at
$(1.5, 0.001)$: almost exactly on the ridge line $y = 0$ that leads into the saddle.

Near the saddle $\\partial f / \\partial y \\approx -y$, so **gradient descent** multiplies $y$ by
$1 + \\eta$ per step: from $10^{-3}$ it needs about $\\ln(1000)/\\eta \\approx 140$ steps to get away,
and the loss curve sits flat at $f \\approx 0$ all that time. Gradients vanish at a saddle; that,
not a bad minimum, is what stalls training in high dimensions.

**Momentum** accumulates the small push in $y$; **RMSprop** and **Adam** divide by the size of
recent gradients, so a tiny but consistent $\\partial f/\\partial y$ gets a full-size step:

$$\\theta \\leftarrow \\theta - \\eta\\, \\frac{g}{\\sqrt{s} + \\epsilon}$$

*Try:* set the gradient noise $\\sigma$ to 0.1. Noisy gradients (as with minibatches) knock SGD
off the ridge at once.""" + READ),

    "lr_too_large": dict(
        title="A learning rate too large diverges",
        config=OptimConfig(surface=S(kind="quadratic", condition=10, rotation_deg=0), x_min=-3, x_max=3,
                           y_min=-3, y_max=3, start_x=2.0, start_y=2.5, optimizers=[
            E.of_kind("sgd", lr=0.02, label="η=0.02", colour=0),
            E.of_kind("sgd", lr=0.1, label="η=0.1", colour=1),
            E.of_kind("sgd", lr=0.18, label="η=0.18", colour=2),
            E.of_kind("sgd", lr=0.195, label="η=0.195", colour=4),
            E.of_kind("sgd", lr=0.21, label="η=0.21", colour=5)]),
        notes="""On the quadratic bowl $f = \\frac{1}{2}(\\kappa u^2 + v^2)$ with $\\kappa = 10$, one step of gradient
descent $\\theta \\leftarrow \\theta - \\eta \\nabla f$ multiplies the error along each axis by
$1 - \\eta\\lambda$, where $\\lambda$ is that axis's curvature (10 and 1).

- $|1 - \\eta\\lambda| < 1$ for both axes, that is $\\eta < 2/\\lambda_{max} = 0.2$: it converges.
- $\\eta = 2/(\\lambda_{max} + \\lambda_{min}) = 0.18$ makes the two factors equal in size: the
  fastest plain gradient descent can be.
- $\\eta = 0.195$: the factor across is $-0.95$; it converges, bouncing from wall to wall.
- $\\eta = 0.21$: the factor is $-1.1$; every bounce is 10% higher and it leaves the surface. The
  panel freezes it where it last was finite and marks it *diverged* in the table; the race
  goes on for the others.

The speed limit is set by the steepest direction, and the slowest direction then sets the time:
about $\\kappa$ times more steps than a perfectly round bowl. That ratio is the *condition number*.""" + READ),

    "adagrad_shrinking_steps": dict(
        title="AdaGrad's shrinking steps",
        config=OptimConfig(surface=S(kind="plateau_cliff"), **view("plateau_cliff"), tolerance=1e-3, optimizers=[
            E.of_kind("sgd", lr=0.5, label="SGD", colour=0),
            E.of_kind("adagrad", lr=0.5, label="AdaGrad", colour=3),
            E.of_kind("rmsprop", lr=0.05, rho=0.9, label="RMSprop", colour=5),
            E.of_kind("adam", lr=0.1, label="Adam", colour=2)]),
        notes="""A plateau (slope about 0.07) falls off a cliff (slope 8) into a wide basin with its minimum at
$x = 3$. Choose *Effective step size* in the internal-state plot.

**AdaGrad** adds up every squared gradient it has seen and divides by the root:

$$s \\leftarrow s + g \\odot g, \\qquad \\theta \\leftarrow \\theta - \\frac{\\eta}{\\sqrt{s} + \\epsilon} \\odot g$$

On the plateau the gradients are small, $s$ is small and the steps are large: AdaGrad crosses
it quickly. At the cliff a few large gradients make $s$ large, and $s$ never shrinks again, so
in the basin its effective step $\\eta/\\sqrt{s}$ stays tiny: it needs thousands of steps to
finish. On a constant gradient its $t$-th step is exactly $\\eta/\\sqrt{t}$.

**RMSprop** keeps a running mean instead of a sum, so it forgets the cliff:

$$s \\leftarrow \\rho s + (1 - \\rho)\\, g \\odot g$$

Its effective step drops at the cliff and recovers in the basin. SGD, with no memory at all,
crawls on the plateau and is flung over the cliff.""" + READ),

    "nesterov_vs_momentum": dict(
        title="Nesterov's look-ahead vs classic momentum",
        config=OptimConfig(surface=S(kind="quadratic", condition=25, rotation_deg=30), x_min=-3, x_max=3,
                           y_min=-3, y_max=3, start_x=-2.5, start_y=2.0, optimizers=[
            E.of_kind("sgd", lr=0.035, label="GD", colour=0),
            E.of_kind("momentum", lr=0.035, momentum=0.9, colour=1),
            E.of_kind("nesterov", lr=0.035, momentum=0.9, colour=2)]),
        notes="""Classic momentum takes the gradient where it is; Nesterov's method takes it where the velocity
is about to carry it:

$$\\text{momentum: } m \\leftarrow \\beta m + \\eta \\nabla f(\\theta), \\qquad
\\text{Nesterov: } m \\leftarrow \\beta m + \\eta \\nabla f(\\theta - \\beta m), \\qquad \\theta \\leftarrow \\theta - m$$

When momentum is about to overshoot, the gradient at the look-ahead point already points back,
so Nesterov brakes a step earlier. On this bowl ($\\kappa = 25$, $\\eta = 0.035$, $\\beta = 0.9$)
classic momentum spirals around the minimum and arrives in about 80 steps; Nesterov arrives in
about 27.

(torch stores the look-ahead point $\\theta - \\beta m$ as the parameter, which is why the panel
draws Nesterov's path there; the two are the same recursion.)

*Try:* raise both learning rates to 0.07. Now Nesterov diverges and momentum does not: on a
quadratic, momentum is stable for $\\eta\\lambda < 2(1+\\beta)$, Nesterov only for
$\\eta\\lambda < 2(1+\\beta)/(1+2\\beta)$.""" + READ),

    "sgd_noise_decay": dict(
        title="Noisy gradients and learning-rate decay",
        config=OptimConfig(surface=S(kind="quadratic", condition=4, rotation_deg=20), noise_sigma=2.0,
                           x_min=-3, x_max=3, y_min=-3, y_max=3, start_x=-2.5, start_y=2.0, tolerance=0.01,
                           optimizers=[
            E.of_kind("sgd", lr=0.1, label="SGD η=0.1", colour=0),
            E.of_kind("sgd", lr=0.02, label="SGD η=0.02", colour=1),
            E.of_kind("sgd", lr=0.1, label="SGD step decay", colour=2,
                      schedule=Sch(kind="step", step_size=100, gamma=0.3)),
            E.of_kind("sgd", lr=0.1, label="SGD cosine", colour=4,
                      schedule=Sch(kind="cosine", t_max=500, lr_min=0.001))]),
        notes="""A minibatch gradient is the true gradient plus noise. Here every gradient gets Gaussian noise
with $\\sigma = 2$: $\\tilde g = \\nabla f(\\theta) + \\sigma \\xi$, $\\xi \\sim N(0, I)$.

With a constant $\\eta$, SGD gets close quickly and then jitters around the minimum forever: the
noise keeps kicking it by about $\\eta\\sigma$ per step. A small $\\eta$ jitters less but takes
longer to get there. Decaying the rate gives both:

$$\\text{step: } \\eta_t = \\eta \\gamma^{\\lfloor t/k \\rfloor}, \\qquad
\\text{cosine: } \\eta_t = \\eta_{min} + \\frac{1}{2}(\\eta - \\eta_{min})\\left(1 + \\cos\\frac{\\pi t}{T}\\right)$$

The table's *lr now* column shows each schedule's current $\\eta_t$.

How high is the floor? Along a direction of curvature $\\lambda$ the noise and the pull back
balance at $E[\\frac{1}{2}\\lambda x^2] = \\frac{\\eta\\sigma^2}{2(2 - \\eta\\lambda)}$, so in 2-D
$E[f - f^*] \\approx \\eta\\sigma^2/2$: about 0.2 at $\\eta = 0.1$ and 0.04 at $\\eta = 0.02$, as the
loss curves show. Over steps 400 to 500 the step-decayed run averages about 0.013 and the cosine
run 0.018: an order of magnitude below constant $\\eta = 0.1$. (Past $T$ the cosine rises again,
as torch's `CosineAnnealingLR` does: a warm restart.)""" + READ),

    "eight_racers_himmelblau": dict(
        title="All eight optimizers on Himmelblau",
        config=OptimConfig(surface=S(kind="himmelblau"), **view("himmelblau"), optimizers=[
            E.of_kind("sgd", lr=0.01, colour=0), E.of_kind("momentum", lr=0.005, colour=1),
            E.of_kind("nesterov", lr=0.005, colour=2), E.of_kind("adagrad", lr=0.5, colour=3),
            E.of_kind("rmsprop", lr=0.05, colour=4), E.of_kind("adadelta", lr=1.0, colour=5),
            E.of_kind("adam", lr=0.1, colour=6), E.of_kind("adamw", lr=0.1, weight_decay=0.1, colour=7)]),
        notes="""$f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2$ has four minima, all with $f = 0$. From the
origin the eight optimizers pick different ones: which minimum you reach depends on the path,
and the path on the update rule.

| optimizer | update |
| --- | --- |
| SGD | $\\theta \\leftarrow \\theta - \\eta g$ |
| Momentum | $m \\leftarrow \\beta m + \\eta g,\\ \\theta \\leftarrow \\theta - m$ |
| Nesterov | $m \\leftarrow \\beta m + \\eta \\nabla f(\\theta - \\beta m),\\ \\theta \\leftarrow \\theta - m$ |
| AdaGrad | $s \\leftarrow s + g \\odot g,\\ \\theta \\leftarrow \\theta - \\eta g / (\\sqrt{s} + \\epsilon)$ |
| RMSprop | $s \\leftarrow \\rho s + (1-\\rho) g \\odot g,\\ \\theta \\leftarrow \\theta - \\eta g / (\\sqrt{s} + \\epsilon)$ |
| AdaDelta | $g' = \\sqrt{(\\Delta x + \\epsilon)/(s + \\epsilon)} \\odot g,\\ \\Delta x \\leftarrow \\rho \\Delta x + (1-\\rho) g' \\odot g'$ |
| Adam | $\\theta \\leftarrow \\theta - \\eta \\hat m / (\\sqrt{\\hat v} + \\epsilon)$ |
| AdamW | Adam, and $\\theta \\leftarrow \\theta - \\eta\\lambda\\theta$ applied to the weights |

AdamW's weight decay pulls towards the origin, so it settles a little off the minimum (its
$f$ stays above 0): decay trades the training loss for smaller weights.

The seed notes write $\\sqrt{s + \\epsilon}$; torch (and this panel) write $\\sqrt{s} + \\epsilon$.
The two agree once $s \\gg \\epsilon^2$.""" + READ),

    "mlp_landscape": dict(
        title="A real network's loss landscape",
        config=OptimConfig(surface=S(kind="mlp", dataset="moons", hidden=8), **view("mlp"), tolerance=0.01,
                           optimizers=[
            E.of_kind("sgd", lr=0.1, colour=0), E.of_kind("momentum", lr=0.1, colour=1),
            E.of_kind("nesterov", lr=0.1, colour=2), E.of_kind("adagrad", lr=0.1, colour=3),
            E.of_kind("rmsprop", lr=0.01, colour=4), E.of_kind("adadelta", lr=1.0, colour=5),
            E.of_kind("adam", lr=0.02, colour=6), E.of_kind("adamw", lr=0.02, colour=7)]),
        notes="""A 2-8-8-1 tanh network is trained on the two-moons data to weights $\\theta^*$. Its loss lives in
about 100 dimensions; this surface is a 2-D slice through it (Li et al., 2018):

$$f(\\alpha, \\beta) = L(\\theta^* + \\alpha d_1 + \\beta d_2)$$

$d_1, d_2$ are random Gaussian directions, *filter-normalised*: each row of each weight matrix
(one unit's incoming weights) is scaled to the norm of the same row of $\\theta^*$, and biases are
not moved. Without that scaling, a step along a direction would change large and small units
by the same absolute amount and the picture would depend on the network's parametrisation.

The origin is the trained network; $f^*$ is the lowest point found on the slice (L-BFGS
from the lowest grid point), marked with a star. The racers here
optimise only $\\alpha$ and $\\beta$, but they meet the same things as in full training: a basin
around the trained weights, steep walls where units saturate, flat regions far away.

*Try:* other datasets (circles, xor) and widths change the landscape; the seed picks the data,
the initialisation and the directions.""" + READ),
}

# Steps per second the app plays each lesson at (None: as fast as it goes): slow enough to watch.
SPEEDS = {
    "momentum_ravine": 30, "adam_vs_sgd_rosenbrock": 200, "saddle_escape": 30, "lr_too_large": 20,
    "adagrad_shrinking_steps": 100, "nesterov_vs_momentum": 20, "sgd_noise_decay": 60,
    "eight_racers_himmelblau": 30, "mlp_landscape": None,
}


def build(name: str):
    from playground.presets import new_preset

    spec = LESSONS[name]
    return new_preset(PANEL, title=spec["title"], notes=spec["notes"],
                      notes_zh=spec.get("notes_zh", ""), seed=0, device="auto",
                      speed=SPEEDS[name], config=spec["config"])


def write_all(folder: Path | None = None) -> list[Path]:
    """Write every lesson into ``folder`` (default: the shipped ``presets/optimizer/``)."""
    from playground.presets import write_lessons

    return write_lessons(PANEL, LESSONS, build, folder)


if __name__ == "__main__":  # pragma: no cover
    for written in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(written)
