"""The harness's entry points: Pyodide's (`init_pyodide`, `run_job_json`) and the command
line's (`cli`: one spawned job, or the fork server)."""

import json
import os
import sys

from .context import _RunContext
from .isolation import (
    _enter_sync_asyncio,
    _install_pyodide_asyncio,
    _leave_sync_asyncio,
    _restore_site_builtins,
    _set_memory_limit,
    _Snapshot,
)
from .program import _run_program
from .test_runner import _run_tests


def _run_job(ctx):
    """With `ctx.reuse` (Pyodide) the interpreter's state is restored afterwards. A CPython
    job's process is thrown away, and restoring would only cost time."""
    job = ctx.job
    snapshot = _Snapshot() if ctx.reuse else None
    workdir = job.get("workdir")
    if workdir:
        os.makedirs(workdir, exist_ok=True)
        os.chdir(workdir)
    previous_loop = _enter_sync_asyncio(ctx)
    try:
        if job.get("mode") == "test":
            return _run_tests(ctx)
        return _run_program(ctx)
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
    ctx = _RunContext(json.loads(text), capture=True, reuse=True, sync_asyncio=True)
    return json.dumps(_run_job(ctx))


def init_pyodide():
    _install_pyodide_asyncio()
    # Warm what the harness reaches for on the first exercise, so runs measure the program.
    import unittest  # noqa: F401

    return sys.version.split()[0]


def main(job_path):
    """One spawned CPython job: `JOB.json`; the result goes to fd 3. Standard streams stay the
    process's own, so output of child processes is kept in order."""
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    os.unlink(job_path)
    _restore_site_builtins()
    _set_memory_limit(job)
    channel = os.fdopen(3, "w", encoding="utf-8")
    result = _run_job(_RunContext(job, capture=False, reuse=False))
    channel.write(json.dumps(result))
    channel.close()
    # Skip interpreter teardown: a program's leftover threads or atexit hooks must not hang us.
    os._exit(0)


def cli(argv):
    """`--fork-server`, or the path of one job's JSON file."""
    if argv == ["--fork-server"]:
        from .fork_server import fork_server

        fork_server(_run_job)
    else:
        main(argv[0])
