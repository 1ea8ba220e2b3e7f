"""PyPrep's run harness: the same code runs a job on native CPython and inside Pyodide.

A job is a dict: {"mode": "run" | "test", "code": str, "tests": str, "stdin": str,
"output_limit": int}. The result is a dict with stdout, stderr, exception, limit,
duration_ms and, for tests, per-test results. Keeping one harness for both backends is
what makes them give the same answer for the same program.
"""

import builtins
import io
import json
import os
import sys
import time
import types

# `ast` and `traceback` are imported where they are needed: CPython starts a process per run,
# and most runs never raise.

MAIN_FILE = "main.py"
SOLUTION_FILE = "solution.py"
TESTS_FILE = "tests.py"
USER_FILES = (MAIN_FILE, SOLUTION_FILE, TESTS_FILE)


class OutputLimitExceeded(BaseException):
    """Raised from a write past the output cap. A BaseException so `except Exception` in the
    program under test cannot swallow it and keep flooding."""


class CappedText(io.TextIOBase):
    """A text stream that keeps at most `budget[0]` characters shared with its siblings."""

    def __init__(self, budget):
        self._parts = []
        self._budget = budget
        self.truncated = False

    def writable(self):
        return True

    @property
    def encoding(self):
        return "utf-8"

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        left = self._budget[0]
        if len(text) > left:
            self._parts.append(text[:left])
            self._budget[0] = 0
            self.truncated = True
            raise OutputLimitExceeded()
        self._parts.append(text)
        self._budget[0] = left - len(text)
        return len(text)

    def getvalue(self):
        return "".join(self._parts)


def exception_line(exc):
    """`Type: message` as the last line of a traceback shows it (without notes)."""
    cls = type(exc)
    name = cls.__qualname__
    if cls.__module__ not in ("__main__", "builtins", "solution", "tests"):
        name = f"{cls.__module__}.{name}"
    try:
        text = str(exc)
    except Exception:  # a broken __str__ must not break the harness
        text = "<exception str() failed>"
    if isinstance(exc, SyntaxError) and exc.msg:
        text = exc.msg
    return f"{name}: {text}" if text else name


def user_traceback(exc):
    """The traceback from the first frame of the user's own files on, so harness frames stay out."""
    import traceback

    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename not in USER_FILES:
        tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb)
    return "".join(lines)


def new_result(tests=None):
    """The one result shape both modes return; `tests` is a list for test runs."""
    return {"stdout": "", "stderr": "", "exception": None, "limit": None, "tests": tests}


def outcome(name, passed, message):
    """One test's result."""
    return {"name": name, "passed": passed, "message": message}


def describe(exc):
    return {
        "type": type(exc).__name__,
        "message": str(exc) if not isinstance(exc, SyntaxError) else (exc.msg or ""),
        "line": exception_line(exc),
        "traceback": user_traceback(exc),
    }


# -- isolation between runs (matters in Pyodide, where one interpreter serves many runs) ----


class Snapshot:
    def __init__(self):
        self.modules = set(sys.modules)
        self.path = list(sys.path)
        self.meta_path = list(sys.meta_path)
        self.path_hooks = list(sys.path_hooks)
        self.builtins = dict(builtins.__dict__)
        self.cwd = os.getcwd()
        self.recursion = sys.getrecursionlimit()
        self.int_digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
        self.excepthook = sys.excepthook
        self.environ = dict(os.environ)

    def restore(self):
        for name in set(sys.modules) - self.modules:
            del sys.modules[name]
        sys.path[:] = self.path
        sys.meta_path[:] = self.meta_path
        sys.path_hooks[:] = self.path_hooks
        sys.path_importer_cache.clear()
        builtins.__dict__.clear()
        builtins.__dict__.update(self.builtins)
        os.chdir(self.cwd)
        sys.setrecursionlimit(self.recursion)
        if self.int_digits is not None:
            sys.set_int_max_str_digits(self.int_digits)
        sys.excepthook = self.excepthook
        os.environ.clear()
        os.environ.update(self.environ)


# -- asyncio without WebAssembly stack switching ---------------------------------------------


def install_pyodide_asyncio():
    """Pyodide's own event loop needs WebAssembly stack switching to block in `asyncio.run`.
    Where the program runs synchronously we give asyncio the standard library's own
    scheduler (BaseEventLoop) with a selector that waits by sleeping: tasks, sleeps,
    queues, locks, timeouts and task groups behave as on CPython; sockets and subprocesses
    are not available (they are not in Pyodide either way)."""
    import asyncio
    import asyncio.events

    class SleepSelector:
        def select(self, timeout=None):
            # With nothing scheduled CPython would block forever; sleeping in slices
            # lets the time limit's interrupt arrive.
            time.sleep(0.05 if timeout is None else max(0.0, timeout))
            return []

        def close(self):
            pass

        def get_map(self):
            return {}

    class SchedulerLoop(asyncio.BaseEventLoop):
        def __init__(self):
            super().__init__()
            self._selector = SleepSelector()

        def _process_events(self, event_list):
            pass

        def _write_to_self(self):
            pass

    def new_event_loop():
        return SchedulerLoop()

    asyncio.events.new_event_loop = new_event_loop
    asyncio.new_event_loop = new_event_loop


def _enter_sync_asyncio(ctx):
    """Hide Pyodide's always-running browser loop for the length of one run."""
    if not ctx.sync_asyncio:
        return None
    import asyncio.events

    previous = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    return previous


def _leave_sync_asyncio(ctx, previous):
    if not ctx.sync_asyncio:
        return
    import asyncio.events

    try:
        asyncio.events.set_event_loop(None)
    except Exception:
        pass
    asyncio.events._set_running_loop(previous)


# -- one run's context -----------------------------------------------------------------------


class RunContext:
    """What one run needs, passed down explicitly rather than kept in module globals.

    `capture`: the harness owns the standard streams (Pyodide); on CPython they are the
    process's own. `reuse`: this interpreter runs more jobs, so its state is restored.
    `sync_asyncio`: asyncio runs on the harness's scheduler loop (Pyodide)."""

    __slots__ = ("job", "capture", "reuse", "sync_asyncio", "tests_source")

    def __init__(self, job, capture, reuse, sync_asyncio=False):
        self.job = job
        self.capture = capture
        self.reuse = reuse
        self.sync_asyncio = sync_asyncio
        self.tests_source = job.get("tests") or ""


# -- running a program -----------------------------------------------------------------------


class Capture:
    """Points sys.stdin/stdout/stderr at the job's streams when the harness owns them."""

    def __init__(self, ctx):
        job = ctx.job
        capture = ctx.capture
        self.capture = capture
        self.stdin = io.StringIO(job.get("stdin") or "")
        budget = [int(job.get("output_limit") or 65536)]
        self.out = CappedText(budget) if capture else None
        self.err = CappedText([budget[0]]) if capture else None

    def __enter__(self):
        self.saved = (sys.stdin, sys.stdout, sys.stderr)
        sys.stdin = self.stdin
        if self.capture:
            sys.stdout, sys.stderr = self.out, self.err
        return self

    def __exit__(self, *exc):
        if not self.capture:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except Exception:
                pass
        sys.stdin, sys.stdout, sys.stderr = self.saved
        return False

    def texts(self):
        if not self.capture:
            return "", ""
        return self.out.getvalue(), self.err.getvalue()


def execute(code, filename, namespace):
    compiled = compile(code, filename, "exec", dont_inherit=True)
    exec(compiled, namespace)


def fresh_module(name):
    module = types.ModuleType(name)
    module.__dict__["__builtins__"] = builtins
    return module


def classify(exc, result):
    """Maps how a run ended onto the result: a limit, a clean exit or an exception."""
    if isinstance(exc, OutputLimitExceeded):
        result["limit"] = "output"
    elif isinstance(exc, KeyboardInterrupt):
        result["limit"] = "time"
    elif isinstance(exc, SystemExit):
        code = exc.code
        if code not in (None, 0):
            result["exit_code"] = code if isinstance(code, int) else 1
            if not isinstance(code, int):
                print(code, file=sys.stderr)
    else:
        if isinstance(exc, MemoryError):
            result["limit"] = "memory"
        result["exception"] = describe(exc)


def run_program(ctx):
    result = new_result()
    main = fresh_module("__main__")
    main.__dict__["__file__"] = MAIN_FILE
    saved_main = sys.modules.get("__main__")
    started = time.perf_counter()
    with Capture(ctx) as streams:
        sys.modules["__main__"] = main
        try:
            execute(ctx.job["code"], MAIN_FILE, main.__dict__)
        except BaseException as exc:  # noqa: BLE001 - every ending is reported
            classify(exc, result)
        finally:
            if saved_main is not None:
                sys.modules["__main__"] = saved_main
    result["duration_ms"] = (time.perf_counter() - started) * 1000
    result["stdout"], result["stderr"] = streams.texts()
    return result


# -- running an exercise's tests -------------------------------------------------------------


def _short(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def explain_assertion(exc, ctx):
    """For a bare `assert left == right` in the tests, say the line and both values."""
    import ast

    if str(exc):
        return str(exc)
    tb = exc.__traceback__
    frame_tb = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == TESTS_FILE:
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
            left = eval(compile(ast.Expression(node.test.left), TESTS_FILE, "eval"), frame.f_globals, frame.f_locals)
            right = eval(compile(ast.Expression(node.test.comparators[0]), TESTS_FILE, "eval"), frame.f_globals, frame.f_locals)
        except BaseException:  # noqa: BLE001 - re-evaluating is best effort
            return message
        message += f"\n  left:  {_short(left)}\n  right: {_short(right)}"
    return message


def failure_message(exc, ctx):
    if isinstance(exc, AssertionError):
        return explain_assertion(exc, ctx)
    where = ""
    tb = exc.__traceback__
    last_user = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in USER_FILES:
            last_user = tb
        tb = tb.tb_next
    if last_user is not None:
        where = f" (at {last_user.tb_frame.f_code.co_filename} line {last_user.tb_lineno})"
    return exception_line(exc) + where


def run_unittest_cases(cases, ctx):
    import unittest

    outcomes = []

    class Collector(unittest.TestResult):
        def addSuccess(self, test):
            outcomes.append(outcome(test_name(test), True, None))

        def addFailure(self, test, err):
            outcomes.append(outcome(test_name(test), False, unittest_message(err)))

        def addError(self, test, err):
            if issubclass(err[0], (OutputLimitExceeded, KeyboardInterrupt)):
                raise err[1]
            outcomes.append(outcome(test_name(test), False, failure_message(err[1], ctx)))

        def addSubTest(self, test, subtest, err):
            if err is not None:
                outcomes.append(outcome(test_name(subtest), False, unittest_message(err)))

        def addSkip(self, test, reason):
            outcomes.append(outcome(test_name(test), True, f"skipped: {reason}"))

        def addExpectedFailure(self, test, err):
            self.addSuccess(test)

        def addUnexpectedSuccess(self, test):
            outcomes.append(outcome(test_name(test), False, "unexpected success"))

    def test_name(test):
        return test.id().split(".", 1)[-1]

    def unittest_message(err):
        exc = err[1]
        if isinstance(exc, AssertionError):
            return str(exc) or explain_assertion(exc, ctx)
        return failure_message(exc, ctx)

    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.loadTestsFromTestCase(case) for case in cases)
    suite.run(Collector())
    return outcomes


def discover(namespace):
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


def run_tests(ctx):
    job = ctx.job
    result = new_result(tests=[])
    tests = result["tests"]
    started = time.perf_counter()
    with Capture(ctx) as streams:
        solution = fresh_module("solution")
        solution.__dict__["__file__"] = SOLUTION_FILE
        sys.modules["solution"] = solution
        try:
            execute(job["code"], SOLUTION_FILE, solution.__dict__)
            namespace = {k: v for k, v in solution.__dict__.items() if not k.startswith("__")}
            namespace.update({"__name__": "tests", "__builtins__": builtins, "__file__": TESTS_FILE})
            try:
                execute(job["tests"], TESTS_FILE, namespace)
                top_level_error = None
            except (OutputLimitExceeded, KeyboardInterrupt, SystemExit):
                raise
            except BaseException as exc:  # noqa: BLE001
                top_level_error = exc
            cases, functions = discover(namespace)
            if not cases and not functions:
                passed = top_level_error is None
                tests.append(outcome("tests", passed, None if passed else failure_message(top_level_error, ctx)))
            elif top_level_error is not None:
                tests.append(outcome("loading the tests", False, failure_message(top_level_error, ctx)))
            else:
                if cases:
                    tests.extend(run_unittest_cases(cases, ctx))
                for function in functions:
                    try:
                        function()
                        tests.append(outcome(function.__name__, True, None))
                    except (OutputLimitExceeded, KeyboardInterrupt):
                        raise
                    except BaseException as exc:  # noqa: BLE001
                        tests.append(outcome(function.__name__, False, failure_message(exc, ctx)))
        except BaseException as exc:  # noqa: BLE001
            classify(exc, result)
            if result["exception"] is not None and not tests:
                tests.append(outcome("running your code", False, failure_message(exc, ctx)))
        finally:
            sys.modules.pop("solution", None)
    result["duration_ms"] = (time.perf_counter() - started) * 1000
    result["stdout"], result["stderr"] = streams.texts()
    return result


# -- entry points ----------------------------------------------------------------------------


def run_job(ctx):
    """With `ctx.reuse` (Pyodide) the interpreter's state is restored afterwards. A CPython
    job's process is thrown away, and restoring would only cost time."""
    job = ctx.job
    snapshot = Snapshot() if ctx.reuse else None
    workdir = job.get("workdir")
    if workdir:
        os.makedirs(workdir, exist_ok=True)
        os.chdir(workdir)
    previous_loop = _enter_sync_asyncio(ctx)
    try:
        if job.get("mode") == "test":
            return run_tests(ctx)
        return run_program(ctx)
    finally:
        _leave_sync_asyncio(ctx, previous_loop)
        if snapshot is not None:
            snapshot.restore()
        if workdir:
            _remove_tree(workdir)


def _remove_tree(path):
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def run_job_json(text):
    """Pyodide's entry: JSON in, JSON out."""
    ctx = RunContext(json.loads(text), capture=True, reuse=True, sync_asyncio=True)
    return json.dumps(run_job(ctx))


def init_pyodide():
    install_pyodide_asyncio()
    # Warm what the harness reaches for on the first exercise, so runs measure the program.
    import unittest  # noqa: F401

    return sys.version.split()[0]


def set_memory_limit(job):
    """RLIMIT_AS for a CPython job's process; a platform without it runs unlimited."""
    limit = int(job.get("memory_limit") or 0)
    if not limit:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _restore_site_builtins():
    """CPython runs with -S (skipping `site` saves most of its start-up); put back the
    builtins `site` would add, so `exit()` and `help` work as in a normal interpreter."""
    if hasattr(builtins, "exit"):
        return
    import _sitebuiltins

    builtins.exit = _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)")
    builtins.quit = _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)")
    builtins.help = _sitebuiltins._Helper()
    builtins.copyright = _sitebuiltins._Printer("copyright", sys.copyright)
    builtins.credits = _sitebuiltins._Printer("credits", "See https://www.python.org.")
    builtins.license = _sitebuiltins._Printer("license", "See https://www.python.org/psf/license/")


# -- the fork server (CPython) ----------------------------------------------------------------

# Imported once in the fork server, so a forked run does not pay for them: what the bank's
# programs and the harness itself reach for most.
PRELOAD = (
    "ast", "asyncio", "collections", "contextlib", "dataclasses", "functools", "itertools",
    "json", "re", "sqlite3", "threading", "traceback", "typing", "unittest", "unittest.mock",
)


def fork_server():
    """`python3 -I -S -u harness.py --fork-server`: one warm interpreter that forks a fresh
    process per job. A job is one JSON line on stdin naming its files; the server answers on
    stdout with `{"id", "pid"}` once the job's process exists and `{"id", "done"}` when it has
    written its result. Each job's process is its own session (so one kill takes its children),
    with the job's directory as cwd and stdin/stdout/stderr on the job's files."""
    _restore_site_builtins()
    for name in PRELOAD:
        try:
            __import__(name)
        except ImportError:
            pass
    events = os.dup(1)  # not inheritable: a program's subprocesses never see it
    source = os.fdopen(0, "rb", buffering=0)
    import gc
    import signal

    # Jobs are never waited for here: with SIGCHLD ignored the kernel reaps them.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    # Move everything loaded so far out of the collector's sight: a job's first collection
    # would otherwise touch every inherited object and copy every page of the server.
    gc.collect()
    gc.freeze()
    while True:
        line = source.readline()
        if not line:
            os._exit(0)
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the program may wait for its children
            _run_forked(request, events)
        _emit(events, {"id": request["id"], "pid": pid})


def _emit(fd, message):
    # One write of less than PIPE_BUF bytes is atomic, so jobs finishing together cannot
    # interleave their lines.
    os.write(fd, (json.dumps(message) + "\n").encode())


def _run_forked(request, events):
    code = 0
    try:
        os.setsid()
        os.chdir(request["dir"])
        for fd, path, flags in (
            (0, request["stdin"], os.O_RDONLY),
            (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ):
            opened = os.open(path, flags, 0o600)
            os.dup2(opened, fd)
            os.close(opened)
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", write_through=True)
        with open(request["job"], encoding="utf-8") as handle:
            job = json.load(handle)
        os.environ.clear()
        os.environ.update(request.get("env") or {})
        set_memory_limit(job)
        result = run_job(RunContext(job, capture=False, reuse=False))
        with open(request["result"], "w", encoding="utf-8") as handle:
            json.dump(result, handle)
    except BaseException:  # noqa: BLE001 - the runner sees a missing result and says so
        code = 1
    finally:
        try:
            _emit(events, {"id": request["id"], "done": True})
        finally:
            os._exit(code)


def main():
    """CPython's entry: `python3 -I -u harness.py JOB.json`; the result goes to fd 3.
    Standard streams stay the process's own, so output of child processes is kept in order."""
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    os.unlink(sys.argv[1])
    _restore_site_builtins()
    set_memory_limit(job)
    channel = os.fdopen(3, "w", encoding="utf-8")
    result = run_job(RunContext(job, capture=False, reuse=False))
    channel.write(json.dumps(result))
    channel.close()
    # Skip interpreter teardown: a program's leftover threads or atexit hooks must not hang us.
    os._exit(0)


if __name__ == "__main__":
    if sys.argv[1:] == ["--fork-server"]:
        fork_server()
    else:
        main()
