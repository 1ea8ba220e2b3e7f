"""One run's context, passed down explicitly rather than kept in module globals."""


class _RunContext:
    """What one run needs, and the little it learns on the way.

    `reuse`: this interpreter runs more jobs (Pyodide), so its state is put back afterwards.
    `interrupts`: a KeyboardInterrupt is the host stopping the run (Pyodide's time limit and
    Stop); on CPython the supervisor kills instead, and a KeyboardInterrupt is the program's.
    `sync_asyncio`: asyncio runs on the harness's scheduler loop (Pyodide).
    `tracer`: None, or a context manager that program.py enters around the user's code only
    (the seam for an optional tracer module); the harness's own frames stay untraced.
    `progress`: None, or a callable told `{"start": name}` and `{"test": outcome}` as tests
    run, so a host that has to kill the run still knows which tests finished.
    `current_test`: the test running now, for a limit that stops the run inside it."""

    __slots__ = (
        "job", "reuse", "interrupts", "sync_asyncio", "tracer", "progress",
        "tests_source", "module", "current_test",
    )

    def __init__(self, job, reuse, interrupts, sync_asyncio=False, tracer=None, progress=None):
        self.job = job
        self.reuse = reuse
        self.interrupts = interrupts
        self.sync_asyncio = sync_asyncio
        self.tracer = tracer
        self.progress = progress
        self.tests_source = job.get("tests") or ""
        self.module = job.get("module") or None
        self.current_test = None

    def plain_modules(self):
        """Modules whose exception classes a traceback names without their module."""
        plain = ("__main__", "builtins", "solution", "tests")
        return plain + (self.module,) if self.module else plain
