"""Running an exercise's tests against the code: unittest cases, `test_*` functions, or the
whole block as one test; each with a status, failures explained readably and located, and a
solution or tests file that cannot load reported as that."""

import sys
import time
import types

from .program import _compile, _execute, _fresh_module, _Streams
from .results import (
    _SOLUTION_FILE,
    _TESTS_FILE,
    _USER_FILES,
    _classify,
    _exception_line,
    _ends_run,
    _innermost,
    _new_result,
    _outcome,
)

_RESERVED_MODULES = ("__main__", "solution", "tests", "builtins")


def _short(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _explain_assertion(exc, ctx):
    """For a bare `assert left == right` in the tests, say the line and both values."""
    import ast

    if str(exc):
        return str(exc)
    tb = exc.__traceback__
    frame_tb = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _TESTS_FILE:
            frame_tb = tb
        tb = tb.tb_next
    if frame_tb is None:
        return "assertion failed"
    lineno = frame_tb.tb_lineno
    source = ctx.tests_source.splitlines()
    text = source[lineno - 1].strip() if 0 < lineno <= len(source) else "assert ..."
    message = f"line {lineno}: {text}"
    try:
        node = ast.parse(text).body[0]
    except (SyntaxError, IndexError):
        return message
    if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare) and len(node.test.ops) == 1:
        frame = frame_tb.tb_frame
        try:
            left = eval(compile(ast.Expression(node.test.left), _TESTS_FILE, "eval"), frame.f_globals, frame.f_locals)
            right = eval(compile(ast.Expression(node.test.comparators[0]), _TESTS_FILE, "eval"), frame.f_globals, frame.f_locals)
        except BaseException:  # noqa: BLE001 - re-evaluating is best effort
            return message
        message += f"\n  left:  {_short(left)}\n  right: {_short(right)}"
    return message


def _failure_message(exc, ctx):
    if isinstance(exc, AssertionError):
        return _explain_assertion(exc, ctx)
    where = ""
    location = _innermost(exc)
    if location is not None:
        where = f" (at {location['file']} line {location['line']})"
    return _exception_line(exc, ctx.plain_modules()) + where


def _failure_location(exc):
    """An assertion is located at its line in the tests; anything else where it was raised."""
    if isinstance(exc, AssertionError):
        return _innermost(exc, (_TESTS_FILE,)) or _innermost(exc)
    return _innermost(exc)


class _Tests:
    """The outcomes so far, told to the host as they happen (see `_RunContext.progress`)."""

    def __init__(self, ctx, outcomes):
        self.ctx = ctx
        self.outcomes = outcomes

    def start(self, name):
        self.ctx.current_test = name
        if self.ctx.progress is not None:
            self.ctx.progress({"start": name})

    def add(self, outcome):
        self.ctx.current_test = None
        self.outcomes.append(outcome)
        if self.ctx.progress is not None:
            self.ctx.progress({"test": outcome})

    def failed(self, name, exc):
        self.add(_outcome(name, "failed", _failure_message(exc, self.ctx), _failure_location(exc)))


def _run_unittest_cases(cases, tests, ctx):
    import unittest

    def name_of(test):
        return test.id().split(".", 1)[-1]

    def message_of(exc):
        if isinstance(exc, AssertionError):
            return str(exc) or _explain_assertion(exc, ctx)
        return _failure_message(exc, ctx)

    class Collector(unittest.TestResult):
        def startTest(self, test):
            super().startTest(test)
            tests.start(name_of(test))

        def addSuccess(self, test):
            tests.add(_outcome(name_of(test), "passed", None))

        def addFailure(self, test, err):
            tests.add(_outcome(name_of(test), "failed", message_of(err[1]), _failure_location(err[1])))

        def addError(self, test, err):
            if _ends_run(err[1], ctx):
                raise err[1]
            tests.add(_outcome(name_of(test), "failed", message_of(err[1]), _failure_location(err[1])))

        def addSubTest(self, test, subtest, err):
            if err is not None:
                if _ends_run(err[1], ctx):
                    raise err[1]
                tests.add(_outcome(name_of(subtest), "failed", message_of(err[1]), _failure_location(err[1])))

        def addSkip(self, test, reason):
            tests.add(_outcome(name_of(test), "skipped", reason))

        def addExpectedFailure(self, test, err):
            self.addSuccess(test)

        def addUnexpectedSuccess(self, test):
            tests.add(_outcome(name_of(test), "failed", "unexpected success"))

    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.loadTestsFromTestCase(case) for case in cases)
    suite.run(Collector())


def _run_test_functions(functions, tests, ctx):
    import unittest

    for function in functions:
        tests.start(function.__name__)
        try:
            function()
        except unittest.SkipTest as skip:
            tests.add(_outcome(function.__name__, "skipped", str(skip)))
        except BaseException as exc:  # noqa: BLE001 - a limit is re-raised, the rest fail the test
            if _ends_run(exc, ctx):
                raise
            tests.failed(function.__name__, exc)
        else:
            tests.add(_outcome(function.__name__, "passed", None))


def _discover(namespace):
    import unittest

    cases = [
        value
        for value in namespace.values()
        if isinstance(value, type) and issubclass(value, unittest.TestCase) and value.__module__ == "tests"
    ]
    functions = [
        value
        for name, value in namespace.items()
        if name.startswith("test_") and isinstance(value, types.FunctionType) and value.__module__ == "tests"
    ]
    return cases, functions


def _load_error(file, exc, ctx):
    error = {"file": file, "message": _exception_line(exc, ctx.plain_modules())}
    location = _innermost(exc)
    if location is not None:
        error["location"] = location
    return error


def _module_problem(name):
    """Why `name` cannot be the solution's module name, or None."""
    import keyword

    if not name.isidentifier() or keyword.iskeyword(name):
        return f"module={name} is not a valid module name"
    if name in _RESERVED_MODULES or name in getattr(sys, "stdlib_module_names", ()) or name in sys.modules:
        return f"module={name} would hide the module of that name; choose another name"
    return None


def _top_level_import_error(exc):
    """An import statement of tests.py itself failed (not something the solution imports)."""
    if not isinstance(exc, ImportError):
        return False
    location = _innermost(exc)
    return location is not None and location["file"] == _TESTS_FILE


def _run_tests(ctx):
    result = _new_result(tests=[])
    result["load_error"] = None
    started = time.perf_counter()
    with _Streams():
        try:
            _load_and_run(ctx, result, _Tests(ctx, result["tests"]))
        except BaseException as exc:  # noqa: BLE001 - a limit, or an exit, ends the run
            _classify(exc, result, ctx)
            if ctx.current_test is not None:
                result["running_test"] = ctx.current_test
        finally:
            for name in ("solution", "tests", ctx.module):
                if name:
                    sys.modules.pop(name, None)
    result["duration_ms"] = (time.perf_counter() - started) * 1000
    return result


def _load_and_run(ctx, result, tests):
    """Loads the solution, then the tests, then runs them; a load error ends it early."""
    if ctx.module:
        problem = _module_problem(ctx.module)
        if problem is not None:
            result["load_error"] = {"file": _SOLUTION_FILE, "message": problem}
            return
    solution = _fresh_module(ctx.module or "solution", _SOLUTION_FILE)
    sys.modules["solution"] = solution
    if ctx.module:
        sys.modules[ctx.module] = solution
    try:
        _execute(_compile(ctx.job["code"], _SOLUTION_FILE), solution.__dict__, ctx)
    except BaseException as exc:  # noqa: BLE001
        if _ends_run(exc, ctx):
            raise
        result["load_error"] = _load_error(_SOLUTION_FILE, exc, ctx)
        return
    module = _fresh_module("tests", _TESTS_FILE)
    # Tests may use the solution's names without importing them, as they always could.
    module.__dict__.update({k: v for k, v in solution.__dict__.items() if not k.startswith("__")})
    sys.modules["tests"] = module
    top_level_error = None
    try:
        _execute(_compile(ctx.tests_source, _TESTS_FILE), module.__dict__, ctx)
    except BaseException as exc:  # noqa: BLE001
        if _ends_run(exc, ctx):
            raise
        if isinstance(exc, SyntaxError) and exc.filename == _TESTS_FILE:
            result["load_error"] = _load_error(_TESTS_FILE, exc, ctx)
            return
        top_level_error = exc
    cases, functions = _discover(module.__dict__)
    if not cases and not functions:
        # A script of asserts is one test, unless its own imports failed.
        if top_level_error is None:
            tests.add(_outcome("tests", "passed", None))
        elif _top_level_import_error(top_level_error):
            result["load_error"] = _load_error(_TESTS_FILE, top_level_error, ctx)
        else:
            tests.failed("tests", top_level_error)
    elif top_level_error is not None:
        result["load_error"] = _load_error(_TESTS_FILE, top_level_error, ctx)
    else:
        if cases:
            _run_unittest_cases(cases, tests, ctx)
        _run_test_functions(functions, tests, ctx)
