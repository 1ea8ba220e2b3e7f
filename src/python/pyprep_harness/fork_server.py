"""CPython's fork server: one warm interpreter that forks a fresh process per job."""

import io
import json
import os
import sys

from .context import _RunContext
from .isolation import _restore_site_builtins, _set_memory_limit

# Imported once in the fork server, so a forked run does not pay for them: what the bank's
# programs and the harness itself reach for most.
_PRELOAD = (
    "ast", "asyncio", "collections", "contextlib", "dataclasses", "functools", "itertools",
    "json", "re", "sqlite3", "threading", "traceback", "typing", "unittest", "unittest.mock",
)


def fork_server(run_job):
    """`--fork-server`: one warm interpreter that forks a fresh process per job. A job is one
    JSON line on stdin naming its files; the server answers on stdout with `{"id", "pid"}`
    once the job's process exists and `{"id", "done"}` when it has written its result. Each
    job's process is its own session (so one kill takes its children), with the job's
    directory as cwd and stdin/stdout/stderr on the job's files. `run_job(ctx)` runs one job."""
    _restore_site_builtins()
    for name in _PRELOAD:
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
            _run_forked(request, events, run_job)
        _emit(events, {"id": request["id"], "pid": pid})


def _emit(fd, message):
    # One write of less than PIPE_BUF bytes is atomic, so jobs finishing together cannot
    # interleave their lines.
    os.write(fd, (json.dumps(message) + "\n").encode())


def _run_forked(request, events, run_job):
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
        _set_memory_limit(job)
        result = run_job(_RunContext(job, capture=False, reuse=False))
        with open(request["result"], "w", encoding="utf-8") as handle:
            json.dump(result, handle)
    except BaseException:  # noqa: BLE001 - the runner sees a missing result and says so
        code = 1
    finally:
        try:
            _emit(events, {"id": request["id"], "done": True})
        finally:
            os._exit(code)
