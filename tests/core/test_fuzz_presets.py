"""Fuzz (issue 24): 10,000 generated presets and formulas, the loader and the formula parser
either accept the input or raise the project's own clear error, never anything else.

Presets are shipped ones with one hostile mutation each (a wrong type, a huge number, NaN as a
number or a string, deep nesting, an unknown or a missing key); formulas are random strings over the
characters a formula uses, plus any text. ``derandomize`` keeps every CI run the same."""

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playground import presets, registry
from playground.optim import formula
from playground.presets import PresetError, parse_text

FUZZ = settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))

SHIPPED = {path.relative_to(presets.presets_dir()).as_posix(): json.loads(path.read_text(encoding="utf-8"))
           for path in presets.shipped_presets()}
# Every panel's defaults too: they spell out every field, empty lists included, for mutations to hit.
SHIPPED.update({f"{spec.key}/(defaults)": presets.new_preset(spec.key).model_dump(mode="json")
                for spec in registry.panels()})
FORMULA_CHARS = "xy0123456789.e+-*/^() ,_'[]<>=!%&|~" + "abcdefghijklmnopqrstuvwz" + "πé\n\t"
FORMULA_PARTS = ["x", "y", "pi", "e", "sin(", "cos(", "exp(", "log(", "sqrt(", "tanh(", "abs(", ")", "(",
                 "^", "**", "*", "/", "+", "-", "0x" + "f" * 257, "1e999", "9" * 400, "1e308", "0.5", "2",
                 "__import__", "'a'", "x.y", "[0]", "lambda", " ", "1_0", "0b1", "1j"]


def _leaf_paths(value, path=()):
    """Every place in a preset a mutation can hit: each key and list item, at any depth."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaf_paths(item, (*path, index))


def _deep(depth: int):
    value: object = 1
    for _ in range(depth):
        value = [value] if depth % 2 else {"a": value}
    return value


formulas = st.one_of(
    st.text(alphabet=FORMULA_CHARS, max_size=60),
    st.lists(st.sampled_from(FORMULA_PARTS), max_size=12).map("".join),
    st.text(max_size=40),
)

hostile_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300, max_value=10**320),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0]),
    st.sampled_from(["NaN", "nan", "inf", "-Infinity", "1e999", "", "x" * 300]), st.text(max_size=20),
    st.integers(min_value=0, max_value=600).map(_deep), formulas,
    st.lists(st.floats(allow_nan=True), max_size=4),
    st.lists(st.tuples(st.floats(), st.floats()).map(list), min_size=1, max_size=3),  # points, rows of a matrix
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@st.composite
def mutated_presets(draw):
    """A shipped preset as JSON text with one hostile change somewhere in it."""
    data = json.loads(json.dumps(SHIPPED[draw(st.sampled_from(sorted(SHIPPED)))]))
    paths = list(_leaf_paths(data))
    path = draw(st.sampled_from(paths))
    parent, last = _parent(data, path)
    action = draw(st.sampled_from(["set", "set", "set", "add_key", "delete"]))
    if parent is None:  # the whole document
        data = draw(hostile_values) if action == "set" else data
    elif action == "set":
        parent[last] = draw(hostile_values)
    elif action == "add_key" and isinstance(parent, dict):
        parent[draw(st.text(max_size=12))] = draw(hostile_values)
    elif action == "delete":
        del parent[last]
    try:
        return json.dumps(data, allow_nan=True)
    except (ValueError, RecursionError):  # nested too deep for json.dumps itself: hand-write the text
        return "[" * 100_000 + "]" * 100_000


def _parent(data, path):
    if not path:
        return None, None
    node = data
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


def _accepted_or_own_error(text) -> str:
    """"accepted" when the text loads (and survives the worker's JSON hand-over), else the message
    of the project's own PresetError; any other exception fails the test."""
    try:
        result = parse_text(text, "fuzz.json")
    except PresetError as error:
        return str(error)
    # What is accepted must survive the worker's JSON hand-over to the engine (NaN became null there).
    again = presets.preset_from_json(result.model_dump_json(), registry.panel(result.panel))
    return "accepted" if again == result else f"changed by the JSON hand-over: {result!r} -> {again!r}"


@settings(FUZZ, max_examples=5000)
@given(mutated_presets())
def test_mutated_shipped_presets_load_or_say_why(text):
    outcome = _accepted_or_own_error(text)
    assert outcome == "accepted" or outcome.startswith("fuzz.json"), outcome  # a refusal names the file


@settings(FUZZ, max_examples=1000)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200),
                 st.sampled_from(sorted(SHIPPED)).flatmap(lambda name: st.integers(0, 400).map(
                     lambda cut: json.dumps(SHIPPED[name])[:cut]))))
def test_arbitrary_and_truncated_text_loads_or_says_why(text):
    outcome = _accepted_or_own_error(text)
    assert outcome == "accepted" or outcome.startswith("fuzz.json"), outcome  # a refusal names the file


@settings(FUZZ, max_examples=4000)
@given(formulas)
def test_random_formulas_parse_or_raise_formula_error(text):
    try:
        parsed = formula.parse(text)
    except formula.FormulaError as error:
        assert str(error)
    else:
        assert parsed.text == text and parsed.uses <= {"x", "y"}


@pytest.mark.parametrize("text", ["0x" + "f" * 257, "x + 1e999", "x" * 301, "(" * 200 + "x" + ")" * 200])
def test_the_worst_formulas_the_fuzzer_knows_are_formula_errors(text):
    with pytest.raises(formula.FormulaError):
        formula.parse(text)
