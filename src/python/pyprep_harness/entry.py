"""The harness's entry points: Pyodide's (`init_pyodide`, `run_job_json`) and the command
line's (`cli`: the fork server, or one supervised job for a spawned run)."""

import json
import os
import sys

from .context import _RunContext
from .isolation import (
    _Baseline,
    _end_runs_on_os_exit,
    _enter_sync_asyncio,
    _install_pyodide_asyncio,
    _leave_sync_asyncio,
    _lock_down_node,
    _watch_audit_events,
)
from .program import _run_program
from .test_runner import _run_tests

# What init_pyodide imports so the first run does not pay for it (and so it is in the
# baseline every run is put back to).
_PYODIDE_WARM = ("ast", "json", "keyword", "linecache", "shutil", "traceback", "unittest", "warnings")


def _run_job(ctx):
    """One job in this interpreter. With `ctx.reuse` (Pyodide) the caller puts the
    interpreter back afterwards; a CPython job's process is thrown away."""
    job = ctx.job
    workdir = job.get("workdir")
    if workdir and ctx.reuse:
        os.makedirs(workdir, exist_ok=True)
        os.chdir(workdir)
    previous_loop = _enter_sync_asyncio(ctx)
    try:
        if job.get("mode") == "test":
            return _run_tests(ctx)
        return _run_program(ctx)
    finally:
        _leave_sync_asyncio(ctx, previous_loop)
        if workdir and ctx.reuse:
            os.chdir("/")
            _remove_tree(workdir)


def _remove_tree(path):
    try:
        os.rmdir(path)  # most runs leave their directory empty
    except OSError:
        import shutil

        shutil.rmtree(path, ignore_errors=True)


def run_job_json(text, baseline=None):
    """Pyodide's entry: JSON in, JSON out. With `baseline`, the interpreter is put back to it
    first, so nothing the last run changed (the harness included) shapes this one."""
    if baseline is not None:
        baseline.restore()
    ctx = _RunContext(json.loads(text), reuse=True, interrupts=True, sync_asyncio=True)
    return json.dumps(_run_job(ctx))


def init_pyodide(sandbox=False, taint=None):
    """Prepares this Pyodide interpreter and returns `[version, run]`: `run(text)` is
    `run_job_json` bound to the state taken now, which every run is put back to. Only the
    host holds `run`. `sandbox`: Node, where os.system would reach the host. `taint(event)`
    is called when a run does what cannot be put back (see `_watch_audit_events`)."""
    _install_pyodide_asyncio()
    for name in _PYODIDE_WARM:
        __import__(name)
    _end_runs_on_os_exit()
    if sandbox:
        _lock_down_node()
    if taint is not None:
        _watch_audit_events(taint)
    baseline = _Baseline()

    # Bound now, not looked up at each call: a run may rebind the module's names.
    def run(text, _run=run_job_json, _baseline=baseline):
        return _run(text, _baseline)

    return [sys.version.split()[0], run]


def cli(argv):
    """`--fork-server`, or `--fork-server --once` for a spawned run."""
    if argv in (["--fork-server"], ["--fork-server", "--once"]):
        from .fork_server import fork_server

        fork_server(_run_job, once="--once" in argv)
    else:
        sys.exit(f"pyprep_harness: unknown arguments {argv!r}")
