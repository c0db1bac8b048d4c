"""Test cells that call the learner's code, with a verdict that code cannot sway.

A test cell runs as nbgrader runs it — in the learner's namespace, calling the learner's
functions, lambdas and classes — but compiled differently (``compile_test``):

* it becomes the body of a function whose three helpers arrive as arguments (fast locals:
  nothing the learner's code does can rebind them), whose top-level names are declared
  ``global`` (so it reads and writes the learner's namespace exactly as a cell does), and whose
  builtins are a private copy of the template's (a learner who rebinds ``builtins.len`` or
  ``builtins.isinstance`` from inside a called function changes nothing the test reads);
* every comparison goes through ``cmp``: two trusted values compare as usual; a value made by
  the submission's code (an object of a class it defined, a ``str`` subclass, a fake module...)
  compared with a trusted one fails the test — a returned object with a lying ``__eq__``
  cannot pass — while two objects of the submission compare with its own ``__eq__`` (the test
  asked for exactly that);
* every condition (``assert``, ``if``, ``while``, ``not``, ``and``/``or`` in a condition) goes
  through ``truth``, which refuses a value made by the submission's code;
* every call goes through ``call``: ``isinstance`` checks the real type (an object whose
  ``__class__`` lies is not a ``str``); once the submission's code has run inside the test,
  the protected modules are put back before each call into trusted Python code (a grader);
  names the exercise's own cells bound are put back after each call into the submission's code
  (a function that rebinds the test's names, or patches a grader, changes nothing).

Helpers hold what they need as default arguments (no globals, no closures), and the audit hook
refuses replacing the code or defaults of trusted functions, so they cannot be rewired.
"""

from __future__ import annotations

import ast
import builtins
import types
from collections.abc import Callable

from aiwork.grading import messages

#: Prefix of the file name of every compiled test cell (the audit hook knows test frames by it).
TEST_FILE_PREFIX = "<aiwork-test-"
CMP, TRUTH, CALL, STAR = "_aiwork_cmp_", "_aiwork_truth_", "_aiwork_call_", "_aiwork_star_"
HELPERS = (CMP, TRUTH, CALL, STAR)
#: Calls whose meaning depends on the calling frame: never wrapped.
FRAME_CALLS = frozenset(
    {"super", "locals", "globals", "vars", "dir", "eval", "exec", "breakpoint", "__import__"}
)
_OPS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}


class TamperingError(AssertionError):
    """Fails a test cell whose inputs or results are not plain answers (course language)."""


# --- compiling a test cell ---------------------------------------------------------------------


def compile_test(source: str, filename: str, transformer, compile_) -> tuple[types.CodeType, set]:
    """The code of ``def test(cmp, truth, call, star)`` running ``source``; and the names the
    cell binds at top level. Raises SyntaxError as compiling the cell itself would."""
    text = transformer.transform_cell(source)
    tree = ast.parse(text, filename=filename, mode="exec")
    compile_(tree, filename, "exec", dont_inherit=True)  # the cell's own SyntaxErrors, first
    bound = _bound_names(tree.body)
    body = [s for s in tree.body if not isinstance(s, ast.Global)]
    body = [_Guard().visit(s) for s in body]
    if body and isinstance(body[-1], ast.Expr):  # IPython shows the last expression's value
        body[-1] = ast.Return(value=body[-1].value)
    if bound:
        body.insert(0, ast.Global(names=sorted(bound)))
    args = ast.arguments(
        posonlyargs=[ast.arg(h) for h in HELPERS],
        args=[],
        kwonlyargs=[],
        kw_defaults=[],
        defaults=[],
    )
    fn = ast.FunctionDef(
        name="<test>", args=args, body=body or [ast.Pass()], decorator_list=[], returns=None
    )
    module = ast.Module(body=[fn], type_ignores=[])
    ast.fix_missing_locations(module)
    code = compile_(module, filename, "exec", dont_inherit=True)
    test_code = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return test_code, bound


def _bound_names(body: list[ast.stmt]) -> set[str]:
    """Names a module-level block binds (not inside nested functions, lambdas or classes)."""
    names: set[str] = set()
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            stack.extend(node.decorator_list)
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.add(node.rest)
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            # their own variables are local to them; a walrus inside binds here
            for sub in ast.walk(node):
                if isinstance(sub, ast.NamedExpr) and isinstance(sub.target, ast.Name):
                    names.add(sub.target.id)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return {n for n in names if n not in HELPERS}


def _helper(name: str) -> ast.Name:
    return ast.Name(id=name, ctx=ast.Load())


class _Guard(ast.NodeTransformer):
    """Routes comparisons, conditions and calls through the helpers."""

    # conditions -----------------------------------------------------------------------------
    def _truth(self, node: ast.expr) -> ast.expr:
        if isinstance(node, ast.BoolOp):
            return ast.BoolOp(op=node.op, values=[self._truth(v) for v in node.values])
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return ast.UnaryOp(op=node.op, operand=self._truth(node.operand))
        return ast.Call(func=_helper(TRUTH), args=[self.visit(node)], keywords=[])

    def visit_Assert(self, node: ast.Assert) -> ast.Assert:
        msg = self.visit(node.msg) if node.msg is not None else None
        return ast.Assert(test=self._truth(node.test), msg=msg)

    def visit_If(self, node: ast.If) -> ast.If:
        node = self.generic_visit_except(node, "test")
        node.test = self._truth(node.test)
        return node

    def visit_While(self, node: ast.While) -> ast.While:
        node = self.generic_visit_except(node, "test")
        node.test = self._truth(node.test)
        return node

    def visit_IfExp(self, node: ast.IfExp) -> ast.IfExp:
        return ast.IfExp(
            test=self._truth(node.test), body=self.visit(node.body), orelse=self.visit(node.orelse)
        )

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        if isinstance(node.op, ast.Not):
            return self._truth(node)
        return self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> ast.comprehension:
        node.target = self.visit(node.target)
        node.iter = self.visit(node.iter)
        node.ifs = [self._truth(c) for c in node.ifs]
        return node

    def generic_visit_except(self, node, field: str):
        for name, value in ast.iter_fields(node):
            if name == field:
                continue
            if isinstance(value, list):
                setattr(node, name, [self.visit(v) if isinstance(v, ast.AST) else v for v in value])
            elif isinstance(value, ast.AST):
                setattr(node, name, self.visit(value))
        return node

    # comparisons ----------------------------------------------------------------------------
    def visit_Compare(self, node: ast.Compare) -> ast.expr:
        left = self.visit(node.left)
        rights = [self.visit(c) for c in node.comparators]
        if len(rights) == 1:
            return ast.Call(
                func=_helper(CMP),
                args=[left, ast.Constant(_OPS[type(node.ops[0])]), rights[0]],
                keywords=[],
            )
        # a chain evaluates its operands lazily, left to right: pass thunks
        ops = ast.Tuple(elts=[ast.Constant(_OPS[type(o)]) for o in node.ops], ctx=ast.Load())
        thunks = [_thunk(r) for r in rights]
        return ast.Call(
            func=_helper(CMP),
            args=[left, ops, ast.Tuple(elts=thunks, ctx=ast.Load())],
            keywords=[],
        )

    # calls ----------------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> ast.expr:
        node = self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in FRAME_CALLS | set(HELPERS):
            return node
        # call(func, (positional...), {keywords...}): evaluated in the call's own order
        args = ast.Tuple(elts=list(node.args), ctx=ast.Load())
        kwargs = ast.Dict(
            keys=[ast.Constant(k.arg) if k.arg is not None else None for k in node.keywords],
            values=[k.value for k in node.keywords],
        )
        return ast.Call(func=_helper(CALL), args=[node.func, args, kwargs], keywords=[])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.stmt:
        if any(a.name == "*" for a in node.names):  # not allowed in a function: do it by hand
            call = ast.Call(
                func=_helper(STAR),
                args=[ast.Constant(node.module or ""), ast.Constant(node.level)],
                keywords=[],
            )
            return ast.Expr(value=call)
        return node

    # nested scopes get the helpers as defaults (positional ones, whose replacement the audit
    # hook refuses, unless the function takes *args), not as closure cells anyone could rewire
    def _defaults(self, args: ast.arguments) -> None:
        for h in HELPERS:
            if args.vararg is None:
                args.args.append(ast.arg(h))
                args.defaults.append(_helper(h))
            else:
                args.kwonlyargs.append(ast.arg(h))
                args.kw_defaults.append(_helper(h))

    def visit_FunctionDef(self, node):
        node = self.generic_visit(node)
        self._defaults(node.args)
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> ast.Lambda:
        node = self.generic_visit(node)
        self._defaults(node.args)
        return node


def _thunk(expr: ast.expr) -> ast.Lambda:
    args = ast.arguments(
        posonlyargs=[],
        args=[ast.arg(h) for h in HELPERS],
        kwonlyargs=[],
        kw_defaults=[],
        defaults=[_helper(h) for h in HELPERS],
    )
    return ast.Lambda(args=args, body=expr)


# --- the helpers -------------------------------------------------------------------------------


def make_helpers(
    check: Callable[[object], str | None],
    protect: Callable[[], None],
    namespace: dict,
    watched: tuple[str, ...],
    language: str,
) -> tuple:
    """``(cmp, truth, call, star, state)`` for one test cell.

    ``check(value)`` says why a value is not trusted (None: it is); ``protect()`` puts the
    protected modules back. Around each call into the submission's code, the ``watched``
    names of ``namespace`` (the test's own variables, the names the exercise's cells bound,
    the builtins' names) are put back as they were before the call. ``state[0]`` becomes
    True once the submission's code may have run during the test."""
    state = [False]
    text = messages.text
    ops = {
        "==": _eq,
        "!=": _ne,
        "<": _lt,
        "<=": _le,
        ">": _gt,
        ">=": _ge,
        "is": _is,
        "is not": _is_not,
        "in": _in,
        "not in": _not_in,
    }

    # every helper keeps what it uses as positional defaults (``__defaults__``: replacing it is
    # refused by the audit hook; keyword-only defaults would not be)
    def cmp(
        left,
        ops_,
        right,
        /,
        _check=check,
        _ops=ops,
        _state=state,
        _type=type,
        _str=str,
        _raise=TamperingError,
        _text=text,
        _lang=language,
        _zip=zip,
        _tuple=tuple,
    ):
        if _type(ops_) is _str:  # one comparison: right is the operand
            pairs, chain = ((ops_, right),), False
        else:  # a chain: right is a tuple of thunks, evaluated only as far as needed
            pairs, chain = _tuple(_zip(ops_, right)), True
        result = True
        for op, operand in pairs:
            if chain:
                operand = operand()
            if op == "is" or op == "is not":
                result = _ops[op](left, operand)
            else:
                why_left, why_right = _check(left), _check(operand)
                if (why_left is None) != (why_right is None):
                    raise _raise(_text(_lang, "tamper_compare", reason=why_left or why_right))
                if why_left is not None:
                    _state[0] = True  # the submission's objects compare with its own methods
                result = _ops[op](left, operand)
            if chain and not result:
                return False
            left = operand
        return True if chain else result

    def truth(
        value,
        /,
        _check=check,
        _type=type,
        _bool=bool,
        _raise=TamperingError,
        _text=text,
        _lang=language,
    ):
        if _type(value) is _bool:
            return value
        why = _check(value)
        if why is not None:
            raise _raise(_text(_lang, "tamper_truth", reason=why))
        return _bool(value)

    def call(
        func,
        args,
        kwargs,
        /,
        _check=check,
        _state=state,
        _protect=protect,
        _ns=namespace,
        _watched=watched,
        _missing=_MISSING,
        _isinstance=builtins.isinstance,
        _issubclass=builtins.issubclass,
        _type=type,
        _len=len,
        _python=(types.FunctionType, types.MethodType),
        _type_type=type,
        _module_of=type.__dict__["__module__"].__get__,
    ):
        if func is _isinstance and not kwargs and _len(args) == 2:
            # the real type: an object whose __class__ claims str is not a str
            return _issubclass(_type(args[0]), args[1])
        learner = _check(func) is not None
        if not learner and _state[0]:
            kind = _type(func)
            if kind in _python or (kind is _type_type and _module_of(func) != "builtins"):
                _protect()  # trusted Python code (a grader) runs on the protected modules
        if not learner:
            return func(*args, **kwargs)
        saved = [(name, _ns.get(name, _missing)) for name in _watched]
        try:
            return func(*args, **kwargs)
        finally:
            _state[0] = True
            for name, value in saved:
                if value is _missing:
                    _ns.pop(name, None)
                elif _ns.get(name, _missing) is not value:
                    _ns[name] = value

    def star(module, level, /):
        raise ImportError("'from ... import *' cannot be used in a test cell")

    return cmp, truth, call, star, state


_MISSING = object()


def _eq(a, b):
    return a == b


def _ne(a, b):
    return a != b


def _lt(a, b):
    return a < b


def _le(a, b):
    return a <= b


def _gt(a, b):
    return a > b


def _ge(a, b):
    return a >= b


def _is(a, b):
    return a is b


def _is_not(a, b):
    return a is not b


def _in(a, b):
    return a in b


def _not_in(a, b):
    return a not in b


def cell_filename(index: int) -> str:
    return f"{TEST_FILE_PREFIX}{index}>"
