"""Running a program: its streams, a fresh `__main__`, and how it ended."""

import builtins
import io
import sys
import time
import types

from .results import _MAIN_FILE, _CappedText, _classify, _new_result


class _Capture:
    """Points sys.stdin/stdout/stderr at the job's streams when the harness owns them."""

    def __init__(self, ctx):
        job = ctx.job
        self.capture = ctx.capture
        self.stdin = io.StringIO(job.get("stdin") or "")
        budget = [int(job.get("output_limit") or 65536)]
        self.out = _CappedText(budget) if self.capture else None
        self.err = _CappedText([budget[0]]) if self.capture else None

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


class _Untraced:
    """The default tracer: nothing."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_UNTRACED = _Untraced()


def _execute(code, filename, namespace, ctx):
    """Compiles and runs user code; the run's tracer, if any, sees this code and nothing else."""
    compiled = compile(code, filename, "exec", dont_inherit=True)
    with ctx.tracer or _UNTRACED:
        exec(compiled, namespace)


def _fresh_module(name):
    module = types.ModuleType(name)
    module.__dict__["__builtins__"] = builtins
    return module


def _run_program(ctx):
    result = _new_result()
    main = _fresh_module("__main__")
    main.__dict__["__file__"] = _MAIN_FILE
    saved_main = sys.modules.get("__main__")
    started = time.perf_counter()
    with _Capture(ctx) as streams:
        sys.modules["__main__"] = main
        try:
            _execute(ctx.job["code"], _MAIN_FILE, main.__dict__, ctx)
        except BaseException as exc:  # noqa: BLE001 - every ending is reported
            _classify(exc, result)
        finally:
            if saved_main is not None:
                sys.modules["__main__"] = saved_main
    result["duration_ms"] = (time.perf_counter() - started) * 1000
    result["stdout"], result["stderr"] = streams.texts()
    return result
