"""The formula parser: arithmetic in, anything else refused with the column and the part."""

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from playground.optim.config import SurfaceConfig
from playground.optim.formula import FormulaError, parse
from playground.presets import PresetError, new_preset, validate_data

X = np.array([-1.5, -0.2, 0.0, 0.7, 2.0])
Y = np.array([0.3, -1.0, 2.0, 0.5, -0.25])


@pytest.mark.parametrize("text, expected", [
    ("x^2 + 3*y^2", X**2 + 3 * Y**2),
    ("-x^2", -(X**2)),  # power binds tighter than unary minus, as in maths
    ("2^3^2", np.full_like(X, 512.0)),  # right-associative
    ("sin(x)*cos(y) + tan(x/4)", np.sin(X) * np.cos(Y) + np.tan(X / 4)),
    ("exp(-x^2 - y^2) + log(1 + x^2) + sqrt(abs(y)) + tanh(x*y)",
     np.exp(-X**2 - Y**2) + np.log(1 + X**2) + np.sqrt(np.abs(Y)) + np.tanh(X * Y)),
    ("pi*x + e", math.pi * X + math.e),
    ("1.5e-1 * (x - 1)**2", 0.15 * (X - 1) ** 2),
    ("3", np.full_like(X, 3.0)),
])
def test_formulas_evaluate_like_numpy(text, expected):
    assert np.allclose(parse(text).evaluate(X, Y, np), expected, rtol=1e-12)


def test_torch_autograd_differentiates_a_formula():
    formula = parse("x^2*y + sin(y)")
    x = torch.tensor(X, requires_grad=True)
    y = torch.tensor(Y, requires_grad=True)
    formula.evaluate(x, y, torch).sum().backward()
    assert np.allclose(x.grad.numpy(), 2 * X * Y)
    assert np.allclose(y.grad.numpy(), X**2 + np.cos(Y))


@pytest.mark.parametrize("text, column, part", [
    ("__import__('os')", 1, "__import__('os')"),
    ("x + os.system('ls')", 5, "os.system('ls')"),
    ("x.real", 1, "x.real"),
    ("x + 'a'", 5, "'a'"),
    ("x if y else 1", 1, "x if y else 1"),
    ("sin", 1, "sin"),
    ("foo(x) + 1", 1, "foo(x)"),
    ("sin(x, y)", 1, "sin(x, y)"),
    ("x % 2", 1, "x % 2"),
    ("z*2", 1, "z"),
    ("y^2 + [x][0]", 7, "[x][0]"),
    ("x < y", 1, "x < y"),
    ("(lambda: 1)()", 1, "(lambda: 1)()"),
])
def test_refused_with_column_and_part(text, column, part):
    with pytest.raises(FormulaError) as info:
        parse(text)
    assert info.value.column == column, str(info.value)
    assert f"`{part}`" in str(info.value)


@pytest.mark.parametrize("text, words", [
    ("2x", "column 1"), ("x +", "column"), ("", "empty"), ("x" * 301, "at most 300"),
    ("π*x", "write pi"), ("x·y", "write *"), ("x\ny", "column 2"), ("True + x", "only numbers"),
])
def test_other_mistakes_get_a_clear_message(text, words):
    with pytest.raises(FormulaError, match=words):
        parse(text)


def test_caret_columns_point_into_the_text_as_typed():
    with pytest.raises(FormulaError) as info:
        parse("x^2 + y^2 + q")
    assert info.value.column == 13


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="xyz0123456789+-*/^()., sincoexptalgqrbh'_[]", max_size=30))
def test_any_text_parses_or_is_refused_never_crashes(text):
    try:
        formula = parse(text)
    except FormulaError:
        return
    with np.errstate(all="ignore"):
        try:
            values = formula.evaluate(X, Y, np)
        except OverflowError:  # a huge power of huge numbers: numpy says so, nothing else happens
            return
    assert np.shape(values) == X.shape


def test_the_config_refuses_a_bad_formula_and_so_does_a_preset():
    with pytest.raises(ValidationError, match="column 1"):
        SurfaceConfig(kind="formula", formula="__import__('os').system('rm -rf /')")
    data = new_preset("optimizer").model_dump(mode="json")
    data["config"]["surface"]["formula"] = "x + y.imag"
    with pytest.raises(PresetError, match=r"surface\.formula.*column 5"):
        validate_data(data, "bad.json")
