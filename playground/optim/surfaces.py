"""The loss surfaces f(x, y): a catalogue of what each one is, and its function.

Every function takes ``(x, y, xp)`` with ``xp`` the array namespace (numpy or torch), so the same
code draws the contour image, feeds autograd and serves the numpy tests. The MLP landscape needs
a trained network and lives in ``landscape.py``. No torch import here (the panel reads the
catalogue to offer each surface's view and start point).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from playground.optim import formula as formula_parser

SurfaceFunction = Callable[[Any, Any, Any], Any]  # (x, y, xp) -> f


@dataclass(frozen=True)
class SurfaceInfo:
    title: str
    formula: str  # plain text, for plot titles and notes
    view: tuple[float, float, float, float]  # x_min, x_max, y_min, y_max
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...] = ()  # global minima, marked on the plot
    saddles: tuple[tuple[float, float], ...] = ()
    bounded_below: bool = True


CAMEL_X, CAMEL_Y = 0.08984201368301331, 0.7126564032704135

CATALOG: dict[str, SurfaceInfo] = {
    "quadratic": SurfaceInfo("Quadratic bowl", "½(κ·u² + v²), (u, v) = (x, y) rotated by θ",
                             (-3, 3, -3, 3), (-2.5, 2.0), minima=((0.0, 0.0),)),
    "ravine": SurfaceInfo("Ravine", "0.1·x² + 2·y²", (-8, 8, -4, 4), (-7.0, 2.0), minima=((0.0, 0.0),)),
    "rosenbrock": SurfaceInfo("Rosenbrock", "(1 − x)² + 100·(y − x²)²", (-2, 2, -1, 3), (-1.2, 1.0),
                              minima=((1.0, 1.0),)),
    "beale": SurfaceInfo("Beale", "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
                         (-4.5, 4.5, -4.5, 4.5), (1.0, 1.5), minima=((3.0, 0.5),)),
    "himmelblau": SurfaceInfo("Himmelblau", "(x² + y − 11)² + (x + y² − 7)²", (-5, 5, -5, 5), (0.0, 0.0),
                              minima=((3.0, 2.0), (-2.805118086952745, 3.131312518250573),
                                      (-3.779310253377747, -3.283185991286170),
                                      (3.584428340330492, -1.848126526964404))),
    "six_hump_camel": SurfaceInfo("Six-hump camel", "(4 − 2.1x² + x⁴/3)·x² + xy + (4y² − 4)·y²",
                                  (-2, 2, -1.2, 1.2), (-1.5, 1.0),
                                  minima=((CAMEL_X, -CAMEL_Y), (-CAMEL_X, CAMEL_Y))),
    "rastrigin": SurfaceInfo("Rastrigin", "20 + x² − 10·cos(2πx) + y² − 10·cos(2πy)", (-4, 4, -4, 4),
                             (3.2, -2.7), minima=((0.0, 0.0),)),
    "saddle": SurfaceInfo("Saddle", "x² − y²", (-2, 2, -2, 2), (-1.5, 0.01), saddles=((0.0, 0.0),),
                          bounded_below=False),
    "monkey_saddle": SurfaceInfo("Monkey saddle", "x³ − 3xy²", (-2, 2, -2, 2), (1.5, 0.2),
                                 saddles=((0.0, 0.0),), bounded_below=False),
    "plateau_cliff": SurfaceInfo("Plateau then cliff", "2·(1 − tanh 4x) + 0.005·(x − 3)² + 0.5·y²",
                                 (-4, 4, -2, 2), (-3.5, 1.5), minima=((3.000000120804189, 0.0),)),
    "formula": SurfaceInfo("Your formula", "", (-3, 3, -3, 3), (-2.0, 2.0)),
    "mlp": SurfaceInfo("MLP loss landscape", "L(θ* + α·d₁ + β·d₂), filter-normalised d₁, d₂",
                       (-1, 1, -1, 1), (-0.8, 0.7), minima=((0.0, 0.0),)),
}


def quadratic(condition: float, rotation_deg: float) -> SurfaceFunction:
    """½(κu² + v²): eigenvalues κ and 1, so plain gradient descent is stable for lr < 2/κ."""
    c, s = math.cos(math.radians(rotation_deg)), math.sin(math.radians(rotation_deg))

    def f(x, y, xp):
        u = c * x + s * y
        v = -s * x + c * y
        return 0.5 * (condition * u * u + v * v)

    return f


def ravine(x, y, xp):
    return 0.1 * x * x + 2.0 * y * y


def rosenbrock(x, y, xp):
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def beale(x, y, xp):
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


def himmelblau(x, y, xp):
    return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2


def six_hump_camel(x, y, xp):
    x2, y2 = x * x, y * y
    return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (4.0 * y2 - 4.0) * y2


def rastrigin(x, y, xp):
    two_pi = 2.0 * math.pi
    return 20.0 + x * x - 10.0 * xp.cos(two_pi * x) + y * y - 10.0 * xp.cos(two_pi * y)


def saddle(x, y, xp):
    return x * x - y * y


def monkey_saddle(x, y, xp):
    return x**3 - 3.0 * x * y * y


def plateau_cliff(x, y, xp):
    """A nearly flat plateau (slope ~0.07) that falls off a cliff (slope 8) into a wide basin."""
    return 2.0 * (1.0 - xp.tanh(4.0 * x)) + 0.005 * (x - 3.0) ** 2 + 0.5 * y * y


_FIXED: dict[str, SurfaceFunction] = {
    "ravine": ravine, "rosenbrock": rosenbrock, "beale": beale, "himmelblau": himmelblau,
    "six_hump_camel": six_hump_camel, "rastrigin": rastrigin, "saddle": saddle,
    "monkey_saddle": monkey_saddle, "plateau_cliff": plateau_cliff,
}


def surface_function(surface) -> SurfaceFunction:
    """The f(x, y, xp) of a SurfaceConfig (not for ``mlp``, which needs torch and training)."""
    if surface.kind == "quadratic":
        return quadratic(surface.condition, surface.rotation_deg)
    if surface.kind == "formula":
        return formula_parser.parse(surface.formula).evaluate
    if surface.kind in _FIXED:
        return _FIXED[surface.kind]
    raise ValueError(f"surface {surface.kind!r} has no closed-form function")


def describe(surface) -> str:
    """One line for a plot title: the surface's name and formula."""
    info = CATALOG[surface.kind]
    if surface.kind == "formula":
        return f"f(x, y) = {surface.formula}"
    if surface.kind == "quadratic":
        return f"{info.title}: κ = {surface.condition:g}, θ = {surface.rotation_deg:g}°"
    return f"{info.title}: {info.formula}"
