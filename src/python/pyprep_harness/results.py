"""Result shapes, and how an exception is described: its line, notes, traceback and place."""

import sys

# `traceback` is imported where it is needed: a spawned CPython job pays for every import,
# and most runs never raise.

_MAIN_FILE = "main.py"
_SOLUTION_FILE = "solution.py"
_TESTS_FILE = "tests.py"
_USER_FILES = (_MAIN_FILE, _SOLUTION_FILE, _TESTS_FILE)


def _new_result(tests=None):
    """The one result shape both modes return; `tests` is a list for test runs. The host
    fills stdout and stderr: it owns the streams and their cap on both backends."""
    return {"stdout": "", "stderr": "", "exception": None, "limit": None, "tests": tests}


def _outcome(name, status, message, location=None):
    """One test's result; `status` is "passed", "failed" or "skipped"."""
    outcome = {"name": name, "status": status, "passed": status == "passed", "message": message}
    if location is not None:
        outcome["location"] = location
    return outcome


def _safe_str(value, fallback):
    try:
        return str(value)
    except Exception:  # a broken __str__ must not break the harness
        return fallback


def _exception_line(exc, plain_modules=("__main__", "builtins", "solution", "tests")):
    """`Type: message` as the last line of a traceback shows it (without notes)."""
    cls = type(exc)
    name = cls.__qualname__
    if cls.__module__ not in plain_modules:
        name = f"{cls.__module__}.{name}"
    text = _safe_str(exc, "<exception str() failed>")
    if isinstance(exc, SyntaxError) and exc.msg:
        text = exc.msg
    return f"{name}: {text}" if text else name


def _notes(exc):
    """The notes `add_note` attached, each as CPython prints it after the exception line."""
    notes = getattr(exc, "__notes__", None)
    if notes is None:
        return []
    if isinstance(notes, (list, tuple)):
        return [note if isinstance(note, str) else _safe_str(note, "<note str() failed>") for note in notes]
    return [_safe_str(notes, "<__notes__ str() failed>")]


def _innermost(exc, files=_USER_FILES):
    """The innermost frame of the traceback in one of `files`, as a location."""
    location = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in files:
            location = {"file": filename, "line": tb.tb_lineno}
        tb = tb.tb_next
    if isinstance(exc, SyntaxError) and exc.filename in files and exc.lineno:
        location = {"file": exc.filename, "line": exc.lineno}
    return location


def _user_traceback(exc):
    """The traceback from the first frame of the user's own files on, so harness frames stay out."""
    import traceback

    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename not in _USER_FILES:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))


def _describe(exc, ctx):
    described = {
        "type": type(exc).__name__,
        "message": _safe_str(exc, "") if not isinstance(exc, SyntaxError) else (exc.msg or ""),
        "line": _exception_line(exc, ctx.plain_modules()),
        "notes": _notes(exc),
        "traceback": _user_traceback(exc),
    }
    location = _innermost(exc)
    if location is not None:
        described["location"] = location
    return described


class _ProcessExit(BaseException):
    """os._exit() on Pyodide: there is no process to end, so the run ends here instead,
    keeping what it printed, with the status the program asked for."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def _ends_run(exc, ctx):
    """Endings that stop the whole run wherever they happen: a limit (memory; on Pyodide the
    host's interrupt) or os._exit(), rather than a failure of the code in hand."""
    return (
        isinstance(exc, (MemoryError, _ProcessExit))
        or (ctx.interrupts and isinstance(exc, KeyboardInterrupt))
    )


def _set_exit_code(result, code):
    # A process's status is the low byte of what it asked for: exit(256) is a success.
    status = int(code) & 0xFF
    if status:
        result["exit_code"] = status


def _classify(exc, result, ctx):
    """Maps how a run ended onto the result: a limit, an exit status or an exception."""
    if ctx.interrupts and isinstance(exc, KeyboardInterrupt):
        result["limit"] = "time"
    elif isinstance(exc, _ProcessExit):
        _set_exit_code(result, exc.status)
    elif isinstance(exc, SystemExit):
        code = exc.code
        if code is None or isinstance(code, int):
            _set_exit_code(result, code or 0)
        else:
            print(code, file=sys.stderr)
            _set_exit_code(result, 1)
    else:
        if isinstance(exc, MemoryError):
            result["limit"] = "memory"
        result["exception"] = _describe(exc, ctx)
