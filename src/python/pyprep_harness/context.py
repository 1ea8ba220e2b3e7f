"""One run's context, passed down explicitly rather than kept in module globals."""


class _RunContext:
    """What one run needs.

    `capture`: the harness owns the standard streams (Pyodide); on CPython they are the
    process's own. `reuse`: this interpreter runs more jobs, so its state is restored.
    `sync_asyncio`: asyncio runs on the harness's scheduler loop (Pyodide).
    `tracer`: None, or a context manager that program.py enters around the user's code
    only (the seam for an optional tracer module); the harness's own frames stay untraced."""

    __slots__ = ("job", "capture", "reuse", "sync_asyncio", "tests_source", "tracer")

    def __init__(self, job, capture, reuse, sync_asyncio=False, tracer=None):
        self.job = job
        self.capture = capture
        self.reuse = reuse
        self.sync_asyncio = sync_asyncio
        self.tests_source = job.get("tests") or ""
        self.tracer = tracer
