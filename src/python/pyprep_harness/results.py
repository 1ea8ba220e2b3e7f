"""Result shapes, the capped streams output goes to, and how an exception is described."""

import io
import sys

# `traceback` is imported where it is needed: CPython starts a process per spawned run, and
# most runs never raise.

_MAIN_FILE = "main.py"
_SOLUTION_FILE = "solution.py"
_TESTS_FILE = "tests.py"
_USER_FILES = (_MAIN_FILE, _SOLUTION_FILE, _TESTS_FILE)


class _OutputLimitExceeded(BaseException):
    """Raised from a write past the output cap. A BaseException so `except Exception` in the
    program under test cannot swallow it and keep flooding."""


class _CappedText(io.TextIOBase):
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
            raise _OutputLimitExceeded()
        self._parts.append(text)
        self._budget[0] = left - len(text)
        return len(text)

    def getvalue(self):
        return "".join(self._parts)


def _new_result(tests=None):
    """The one result shape both modes return; `tests` is a list for test runs."""
    return {"stdout": "", "stderr": "", "exception": None, "limit": None, "tests": tests}


def _outcome(name, passed, message):
    """One test's result."""
    return {"name": name, "passed": passed, "message": message}


def _exception_line(exc):
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


def _user_traceback(exc):
    """The traceback from the first frame of the user's own files on, so harness frames stay out."""
    import traceback

    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename not in _USER_FILES:
        tb = tb.tb_next
    lines = traceback.format_exception(type(exc), exc, tb)
    return "".join(lines)


def _describe(exc):
    return {
        "type": type(exc).__name__,
        "message": str(exc) if not isinstance(exc, SyntaxError) else (exc.msg or ""),
        "line": _exception_line(exc),
        "traceback": _user_traceback(exc),
    }


def _classify(exc, result):
    """Maps how a run ended onto the result: a limit, a clean exit or an exception."""
    if isinstance(exc, _OutputLimitExceeded):
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
        result["exception"] = _describe(exc)
