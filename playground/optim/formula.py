"""f(x, y) typed by a person, parsed by an allow-list: arithmetic, a few functions, x, y, pi, e.

The text goes through Python's ``ast`` parser (with ``^`` read as a power) and every node is
checked against an allow-list; anything else is refused with the column and the text of the
offending part. What comes out is a tree of closures that evaluates with numpy or torch (the
``xp`` namespace passed in), so autograd differentiates it. User text is never ``eval``-ed.

No torch import here: the config validates formulas on the GUI thread.
"""

from __future__ import annotations

import ast
import math
import warnings
from dataclasses import dataclass
from typing import Any, Callable

FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh")
CONSTANTS = {"pi": math.pi, "e": math.e}
VARIABLES = ("x", "y")
MAX_LENGTH = 300
MAX_NODES = 400

_BINARY = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}
# Names for what people most often type that is not allowed, for the message.
_WHAT = {
    ast.Attribute: "attribute access ('.')", ast.Subscript: "indexing ('[...]')",
    ast.Compare: "comparisons", ast.BoolOp: "'and'/'or'", ast.IfExp: "'if ... else'",
    ast.Lambda: "lambda", ast.List: "lists", ast.Tuple: "tuples (',')", ast.Dict: "dicts",
    ast.Set: "sets", ast.Starred: "'*' unpacking", ast.NamedExpr: "':='",
    ast.ListComp: "comprehensions", ast.GeneratorExp: "comprehensions", ast.JoinedStr: "f-strings",
    ast.Mod: "'%'", ast.FloorDiv: "'//'", ast.MatMult: "'@'", ast.BitOr: "'|'", ast.BitAnd: "'&'",
    ast.BitXor: "'^'", ast.LShift: "'<<'", ast.RShift: "'>>'", ast.Not: "'not'", ast.Invert: "'~'",
}

Closure = Callable[[Any, Any, Any], Any]  # (x, y, xp) -> value


class FormulaError(ValueError):
    """A formula that is not allowed; ``column`` is 1-based in the text the person typed."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.column = column
        super().__init__(f"column {column}: {message}" if column else message)


@dataclass(frozen=True)
class Formula:
    """A parsed formula. ``evaluate(x, y, xp)`` works elementwise for numpy or torch arrays."""

    text: str
    _closure: Closure
    uses: frozenset[str]  # which of x, y appear

    def evaluate(self, x: Any, y: Any, xp: Any) -> Any:
        value = self._closure(x, y, xp)
        # A constant (or x-only) formula still gives one value per point.
        return value + xp.zeros_like(x)


def parse(text: str) -> Formula:
    """Parse ``text`` or raise FormulaError saying what is wrong and where."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError("the formula is empty; type f(x, y), e.g. x^2 + 3*y^2")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the formula is {len(text)} characters long; at most {MAX_LENGTH}")
    for index, char in enumerate(text):
        if not char.isascii() or (char.isspace() and char not in " \t"):
            hint = " (write pi)" if char == "π" else " (write * for times)" if char in "·×" else ""
            raise FormulaError(f"{char!r} is not part of a formula{hint}", index + 1)
    source, columns = _python_text(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", SyntaxWarning)  # e.g. '1if': refused, not warned about
            tree = ast.parse(source, mode="eval")
    except SyntaxWarning as warning:
        raise FormulaError(f"this is not a formula I can read ({warning})") from None
    except SyntaxError as error:
        column = columns[min(max((error.offset or 1) - 1, 0), len(columns) - 1)] + 1
        raise FormulaError(f"this is not a formula I can read ({error.msg}); "
                           "write products with *, e.g. 2*x not 2x", column) from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError("the formula is nested too deeply") from None
    nodes = sum(1 for _ in ast.walk(tree))
    if nodes > MAX_NODES:
        raise FormulaError(f"the formula has {nodes} parts; at most {MAX_NODES}")
    checker = _Compiler(text, columns)
    closure = checker.compile(tree.body)
    return Formula(text, closure, frozenset(checker.uses))


def check(text: str) -> str:
    """Validate (for pydantic): return the text, or raise FormulaError."""
    parse(text)
    return text


def _python_text(text: str) -> tuple[str, list[int]]:
    """The text with ``^`` as ``**``, and for each character of it the column in the original."""
    out: list[str] = []
    columns: list[int] = []
    for column, char in enumerate(text):
        if char == "^":
            out.append("**")
            columns += [column, column]
        else:
            out.append(char)
            columns.append(column)
    columns.append(len(text))
    return "".join(out), columns


class _Compiler:
    """Walks the ast, refusing any node not on the allow-list, and builds closures."""

    def __init__(self, text: str, columns: list[int]) -> None:
        self.text = text
        self.columns = columns
        self.uses: set[str] = set()

    def fail(self, node: ast.AST, message: str) -> FormulaError:
        start = self.columns[getattr(node, "col_offset", 0)]
        end = self.columns[min(getattr(node, "end_col_offset", start + 1), len(self.columns) - 1)]
        part = self.text[start:max(end, start + 1)]
        return FormulaError(f"`{part}`: {message}", start + 1)

    def compile(self, node: ast.AST) -> Closure:
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            what = _WHAT.get(type(node), type(node).__name__)
            raise self.fail(node, f"{what} is not allowed in a formula")
        return method(node)

    def _Constant(self, node: ast.Constant) -> Closure:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "text in quotes" if isinstance(value, str) else repr(value)
            raise self.fail(node, f"{kind} is not allowed; only numbers")
        try:
            number = float(value)  # an int literal past float's range raises OverflowError here
        except OverflowError:
            number = math.inf
        if not math.isfinite(number):  # 1e999 parses to inf without complaint
            raise self.fail(node, "this number is too large; numbers in a formula must be below 1.8e308")
        return lambda x, y, xp: xp.full_like(x, number)

    def _Name(self, node: ast.Name) -> Closure:
        name = node.id
        if name == "x":
            self.uses.add("x")
            return lambda x, y, xp: x
        if name == "y":
            self.uses.add("y")
            return lambda x, y, xp: y
        if name in CONSTANTS:
            number = CONSTANTS[name]
            return lambda x, y, xp: xp.full_like(x, number)
        if name in FUNCTIONS:
            raise self.fail(node, f"{name} is a function: write {name}(...)")
        raise self.fail(node, "unknown name; use x, y, pi, e, numbers and the functions "
                              + ", ".join(FUNCTIONS))

    def _UnaryOp(self, node: ast.UnaryOp) -> Closure:
        operand = self.compile(node.operand)
        if isinstance(node.op, ast.USub):
            return lambda x, y, xp: -operand(x, y, xp)
        if isinstance(node.op, ast.UAdd):
            return operand
        raise self.fail(node, f"{_WHAT.get(type(node.op), 'this operator')} is not allowed in a formula")

    def _BinOp(self, node: ast.BinOp) -> Closure:
        op = _BINARY.get(type(node.op))
        if op is None:
            raise self.fail(node, f"{_WHAT.get(type(node.op), 'this operator')} is not allowed; "
                                  "use + - * / and ^ for powers")
        left, right = self.compile(node.left), self.compile(node.right)
        if op == "add":
            return lambda x, y, xp: left(x, y, xp) + right(x, y, xp)
        if op == "sub":
            return lambda x, y, xp: left(x, y, xp) - right(x, y, xp)
        if op == "mul":
            return lambda x, y, xp: left(x, y, xp) * right(x, y, xp)
        if op == "div":
            return lambda x, y, xp: left(x, y, xp) / right(x, y, xp)
        return lambda x, y, xp: left(x, y, xp) ** right(x, y, xp)

    def _Call(self, node: ast.Call) -> Closure:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, "only the functions " + ", ".join(FUNCTIONS) + " can be called")
        name = node.func.id
        if name not in FUNCTIONS:
            raise self.fail(node, f"{name!r} is not a function I know; use " + ", ".join(FUNCTIONS))
        if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise self.fail(node, f"{name} takes exactly one argument, e.g. {name}(x)")
        argument = self.compile(node.args[0])
        return lambda x, y, xp: getattr(xp, name)(argument(x, y, xp))
