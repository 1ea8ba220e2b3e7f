"""PyPrep's run harness: the same code runs a job on native CPython and inside Pyodide.

A job is a dict: {"mode": "run" | "test", "code": str, "tests": str, "stdin": str,
"output_limit": int}. The result is a dict with stdout, stderr, exception, limit,
duration_ms and, for tests, per-test results. Keeping one harness for both backends is
what makes them give the same answer for the same program.

Modules: `context` (one run's context), `results` (result shapes, exceptions), `program`
(running a program), `test_runner` (an exercise's tests), `isolation` and `stdlib_state`
(Pyodide: interpreter state between runs), `fork_server`, `supervisor`, `processes` and
`cpython_job` (CPython: the warm forking server that supervises each job, and the job)
and `entry` (the entry points). Only `run_job_json`, `init_pyodide` and the command-line
entries are public.
"""

from .entry import init_pyodide, run_job_json

__all__ = ["init_pyodide", "run_job_json"]
