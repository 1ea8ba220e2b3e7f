"""Interpreter state between runs: what matters in Pyodide, where one interpreter serves
many runs, and the process-level settings of a CPython job."""

import builtins
import os
import sys
import time


class _Snapshot:
    """The interpreter state a run may change, taken before it and put back after it."""

    def __init__(self):
        self.modules = set(sys.modules)
        self.path = list(sys.path)
        self.meta_path = list(sys.meta_path)
        self.path_hooks = list(sys.path_hooks)
        self.builtins = dict(builtins.__dict__)
        self.cwd = os.getcwd()
        self.recursion = sys.getrecursionlimit()
        self.int_digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
        self.excepthook = sys.excepthook
        self.environ = dict(os.environ)
        self.trace = sys.gettrace()
        self.profile = sys.getprofile()

    def restore(self):
        sys.settrace(self.trace)
        sys.setprofile(self.profile)
        for name in set(sys.modules) - self.modules:
            del sys.modules[name]
        sys.path[:] = self.path
        sys.meta_path[:] = self.meta_path
        sys.path_hooks[:] = self.path_hooks
        sys.path_importer_cache.clear()
        builtins.__dict__.clear()
        builtins.__dict__.update(self.builtins)
        os.chdir(self.cwd)
        sys.setrecursionlimit(self.recursion)
        if self.int_digits is not None:
            sys.set_int_max_str_digits(self.int_digits)
        sys.excepthook = self.excepthook
        os.environ.clear()
        os.environ.update(self.environ)


# -- asyncio without WebAssembly stack switching ---------------------------------------------


def _install_pyodide_asyncio():
    """Pyodide's own event loop needs WebAssembly stack switching to block in `asyncio.run`.
    Where the program runs synchronously we give asyncio the standard library's own
    scheduler (BaseEventLoop) with a selector that waits by sleeping: tasks, sleeps,
    queues, locks, timeouts and task groups behave as on CPython; sockets and subprocesses
    are not available (they are not in Pyodide either way)."""
    import asyncio
    import asyncio.events

    class SleepSelector:
        def select(self, timeout=None):
            # With nothing scheduled CPython would block forever; sleeping in slices
            # lets the time limit's interrupt arrive.
            time.sleep(0.05 if timeout is None else max(0.0, timeout))
            return []

        def close(self):
            pass

        def get_map(self):
            return {}

    class SchedulerLoop(asyncio.BaseEventLoop):
        def __init__(self):
            super().__init__()
            self._selector = SleepSelector()

        def _process_events(self, event_list):
            pass

        def _write_to_self(self):
            pass

    def new_event_loop():
        return SchedulerLoop()

    asyncio.events.new_event_loop = new_event_loop
    asyncio.new_event_loop = new_event_loop


def _enter_sync_asyncio(ctx):
    """Hide Pyodide's always-running browser loop for the length of one run."""
    if not ctx.sync_asyncio:
        return None
    import asyncio.events

    previous = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    return previous


def _leave_sync_asyncio(ctx, previous):
    if not ctx.sync_asyncio:
        return
    import asyncio.events

    try:
        asyncio.events.set_event_loop(None)
    except Exception:
        pass
    asyncio.events._set_running_loop(previous)


# -- a CPython job's process -------------------------------------------------------------------


def _set_memory_limit(job):
    """RLIMIT_AS for a CPython job's process; a platform without it runs unlimited."""
    limit = int(job.get("memory_limit") or 0)
    if not limit:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _restore_site_builtins():
    """CPython runs with -S (skipping `site` saves most of its start-up); put back the
    builtins `site` would add, so `exit()` and `help` work as in a normal interpreter."""
    if hasattr(builtins, "exit"):
        return
    import _sitebuiltins

    builtins.exit = _sitebuiltins.Quitter("exit", "Ctrl-D (i.e. EOF)")
    builtins.quit = _sitebuiltins.Quitter("quit", "Ctrl-D (i.e. EOF)")
    builtins.help = _sitebuiltins._Helper()
    builtins.copyright = _sitebuiltins._Printer("copyright", sys.copyright)
    builtins.credits = _sitebuiltins._Printer("credits", "See https://www.python.org.")
    builtins.license = _sitebuiltins._Printer("license", "See https://www.python.org/psf/license/")
