"""Running a program: the process-style streams it writes to, a fresh `__main__`, and how
it ended."""

import builtins
import io
import sys
import time
import types

from .results import _MAIN_FILE, _classify, _new_result


def _standard_streams():
    """sys.stdin/stdout/stderr as `python3 -u` makes them: text over the file descriptors,
    UTF-8, stdout strict (a lone surrogate raises UnicodeEncodeError), stderr escaping what
    it cannot encode, output unbuffered. Both backends run the user's code on these: on
    CPython the descriptors are sockets to the job's supervisor, on Pyodide the host's
    capture, which is also where the output cap is enforced."""
    stdin = io.open(0, "r", encoding="utf-8", closefd=False)
    stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="strict", write_through=True
    )
    stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="backslashreplace", write_through=True
    )
    return stdin, stdout, stderr


class _Streams:
    """Points sys's streams (and their `__std*__` originals) at the job's for one run."""

    _NAMES = ("stdin", "stdout", "stderr", "__stdin__", "__stdout__", "__stderr__")

    def __enter__(self):
        self.saved = tuple(getattr(sys, name, None) for name in self._NAMES)
        stdin, stdout, stderr = _standard_streams()
        sys.stdin = sys.__stdin__ = stdin
        sys.stdout = sys.__stdout__ = stdout
        sys.stderr = sys.__stderr__ = stderr
        return self

    def __exit__(self, *exc):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # a program may have closed or replaced its streams
                pass
        for name, value in zip(self._NAMES, self.saved):
            setattr(sys, name, value)
        return False


class _Untraced:
    """The default tracer: nothing."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_UNTRACED = _Untraced()


def _compile(code, filename):
    return compile(code, filename, "exec", dont_inherit=True)


def _execute(compiled, namespace, ctx):
    """Runs compiled user code; the run's tracer, if any, sees this code and nothing else."""
    with ctx.tracer or _UNTRACED:
        exec(compiled, namespace)


def _fresh_module(name, filename):
    module = types.ModuleType(name)
    module.__dict__["__builtins__"] = builtins
    module.__dict__["__file__"] = filename
    return module


def _run_program(ctx):
    result = _new_result()
    main = _fresh_module("__main__", _MAIN_FILE)
    saved_main = sys.modules.get("__main__")
    started = time.perf_counter()
    with _Streams():
        sys.modules["__main__"] = main
        try:
            _execute(_compile(ctx.job["code"], _MAIN_FILE), main.__dict__, ctx)
        except BaseException as exc:  # noqa: BLE001 - every ending is reported
            _classify(exc, result, ctx)
        finally:
            if saved_main is not None:
                sys.modules["__main__"] = saved_main
    result["duration_ms"] = (time.perf_counter() - started) * 1000
    return result
