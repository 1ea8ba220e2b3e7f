"""Running an exercise's tests against the code: unittest cases, `test_*` functions, or the
whole block as one test; failures explained readably."""

import builtins
import sys
import time
import types

from .program import _Capture, _execute, _fresh_module
from .results import (
    _SOLUTION_FILE,
    _TESTS_FILE,
    _USER_FILES,
    _OutputLimitExceeded,
    _classify,
    _exception_line,
    _new_result,
    _outcome,
)


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
    tb = exc.__traceback__
    last_user = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in _USER_FILES:
            last_user = tb
        tb = tb.tb_next
    if last_user is not None:
        where = f" (at {last_user.tb_frame.f_code.co_filename} line {last_user.tb_lineno})"
    return _exception_line(exc) + where


def _run_unittest_cases(cases, ctx):
    import unittest

    outcomes = []

    class Collector(unittest.TestResult):
        def addSuccess(self, test):
            outcomes.append(_outcome(test_name(test), True, None))

        def addFailure(self, test, err):
            outcomes.append(_outcome(test_name(test), False, unittest_message(err)))

        def addError(self, test, err):
            if issubclass(err[0], (_OutputLimitExceeded, KeyboardInterrupt)):
                raise err[1]
            outcomes.append(_outcome(test_name(test), False, _failure_message(err[1], ctx)))

        def addSubTest(self, test, subtest, err):
            if err is not None:
                outcomes.append(_outcome(test_name(subtest), False, unittest_message(err)))

        def addSkip(self, test, reason):
            outcomes.append(_outcome(test_name(test), True, f"skipped: {reason}"))

        def addExpectedFailure(self, test, err):
            self.addSuccess(test)

        def addUnexpectedSuccess(self, test):
            outcomes.append(_outcome(test_name(test), False, "unexpected success"))

    def test_name(test):
        return test.id().split(".", 1)[-1]

    def unittest_message(err):
        exc = err[1]
        if isinstance(exc, AssertionError):
            return str(exc) or _explain_assertion(exc, ctx)
        return _failure_message(exc, ctx)

    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.loadTestsFromTestCase(case) for case in cases)
    suite.run(Collector())
    return outcomes


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


def _run_tests(ctx):
    job = ctx.job
    result = _new_result(tests=[])
    tests = result["tests"]
    started = time.perf_counter()
    with _Capture(ctx) as streams:
        solution = _fresh_module("solution")
        solution.__dict__["__file__"] = _SOLUTION_FILE
        sys.modules["solution"] = solution
        try:
            _execute(job["code"], _SOLUTION_FILE, solution.__dict__, ctx)
            namespace = {k: v for k, v in solution.__dict__.items() if not k.startswith("__")}
            namespace.update({"__name__": "tests", "__builtins__": builtins, "__file__": _TESTS_FILE})
            try:
                _execute(job["tests"], _TESTS_FILE, namespace, ctx)
                top_level_error = None
            except (_OutputLimitExceeded, KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # noqa: BLE001
                top_level_error = exc
            cases, functions = _discover(namespace)
            if not cases and not functions:
                passed = top_level_error is None
                tests.append(_outcome("tests", passed, None if passed else _failure_message(top_level_error, ctx)))
            elif top_level_error is not None:
                tests.append(_outcome("loading the tests", False, _failure_message(top_level_error, ctx)))
            else:
                if cases:
                    tests.extend(_run_unittest_cases(cases, ctx))
                for function in functions:
                    try:
                        function()
                        tests.append(_outcome(function.__name__, True, None))
                    except (_OutputLimitExceeded, KeyboardInterrupt):
                        raise
                    except BaseException as exc:  # noqa: BLE001
                        tests.append(_outcome(function.__name__, False, _failure_message(exc, ctx)))
        except BaseException as exc:  # noqa: BLE001
            _classify(exc, result)
            if result["exception"] is not None and not tests:
                tests.append(_outcome("running your code", False, _failure_message(exc, ctx)))
        finally:
            sys.modules.pop("solution", None)
    result["duration_ms"] = (time.perf_counter() - started) * 1000
    result["stdout"], result["stderr"] = streams.texts()
    return result
