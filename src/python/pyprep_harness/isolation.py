"""Pyodide, where one interpreter serves many runs: its state put back before every run,
asyncio without stack switching, and what a program may not do to its host."""

import os
import sys
import time
import types
from itertools import chain
from operator import is_, methodcaller

from .stdlib_state import _StdlibState

# -- Pyodide: putting the interpreter back after every run -------------------------------------

# The modules whose classes make a result: running tests, formatting tracebacks, JSON.
_RESULT_MODULES = (
    "json.decoder", "json.encoder", "traceback", "unittest.case", "unittest.loader",
    "unittest.result", "unittest.suite", "asyncio.base_events", "asyncio.events",
)

_VALUES = methodcaller("values")


class _Baseline:
    """The interpreter as it was once the harness had loaded, put back after every run.

    The snapshot is taken once, so restoring is the only per-run cost, and it is kept to
    checks that run in C (identity of values) until one finds a change. Every module's
    namespace is checked value by value and put back: a run that rebinds `tempfile.tempdir`
    or replaces a function must not hand that to the next run. State kept in objects
    (loggers, monitoring tools) is put back by `_StdlibState`. A class or function the
    interpreter already had cannot be checked cheaply (reading `__code__` or `__defaults__`
    raises an audit event), but setting any of their attributes raises one too, and that
    replaces the interpreter instead (see `_watch_audit_events`)."""

    def __init__(self):
        self.module_names = set(sys.modules)
        self.names = list(sys.modules)
        self.objects = [sys.modules[name] for name in self.names]
        modules = [m for m in self.objects if isinstance(m, types.ModuleType)]
        self.namespaces = [(m.__dict__, dict(m.__dict__)) for m in modules]
        self.namespace_dicts = [m.__dict__ for m in modules]
        # Every module's values in one flat list: one pass in C tells whether any changed.
        self.namespace_values = list(chain.from_iterable(map(dict.values, self.namespace_dicts)))
        # What restore itself runs on: its own module's globals and the builtins. Put back
        # first, through methods of dict alone, so a patched helper cannot stop the rest.
        own = [m for m in modules if m.__name__ in ("builtins", "pyprep_harness.isolation")]
        self.first = [(m.__dict__, dict(m.__dict__)) for m in own]
        # Setting a class attribute raises no audit event, so the classes the harness builds
        # results with are checked too, all their attributes in one flat list, in C.
        self.classes = _classes_of(
            [m for m in modules if m.__name__ in _RESULT_MODULES or m.__name__.startswith("pyprep_harness")]
        )
        self.class_dicts = [dict(cls.__dict__) for cls in self.classes]
        self.class_proxies = [cls.__dict__ for cls in self.classes]
        self.class_values = list(chain.from_iterable(map(_VALUES, self.class_proxies)))
        self.stdlib = _StdlibState()
        self.path = list(sys.path)
        self.meta_path = list(sys.meta_path)
        self.path_hooks = list(sys.path_hooks)
        self.cwd = os.getcwd()
        self.recursion = sys.getrecursionlimit()
        self.int_digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
        self.environ = dict(os.environ)
        # os.environ's own encoded mapping compares in C, with no decoding per key.
        self.environ_data = dict(getattr(os.environ, "_data", {}))
        import gc
        import signal
        import warnings

        self.gc = (gc.isenabled(), gc.get_threshold())
        self.warning_filters = list(warnings.filters)
        self.sigint = signal.getsignal(signal.SIGINT)

    def restore(self):
        for namespace, saved in self.first:
            namespace.clear()
            namespace.update(saved)
        sys.settrace(None)
        sys.setprofile(None)
        modules = sys.modules
        if len(modules) != len(self.names) or not all(map(is_, map(modules.get, self.names), self.objects)):
            for name in [name for name in modules if name not in self.module_names]:
                del modules[name]
            modules.update(zip(self.names, self.objects))
        current = list(chain.from_iterable(map(dict.values, self.namespace_dicts)))
        if len(current) != len(self.namespace_values) or not all(map(is_, current, self.namespace_values)):
            for namespace, saved in self.namespaces:
                if len(namespace) != len(saved) or not all(map(is_, namespace.values(), saved.values())):
                    _put_back(namespace, saved)
        current = list(chain.from_iterable(map(_VALUES, self.class_proxies)))
        if len(current) != len(self.class_values) or not all(map(is_, current, self.class_values)):
            for cls, saved in zip(self.classes, self.class_dicts):
                _put_back_class(cls, saved)
        self.stdlib.restore()
        sys.path[:] = self.path
        sys.meta_path[:] = self.meta_path
        sys.path_hooks[:] = self.path_hooks
        sys.path_importer_cache.clear()
        if os.getcwd() != self.cwd:
            os.chdir(self.cwd)
        sys.setrecursionlimit(self.recursion)
        if self.int_digits is not None:
            sys.set_int_max_str_digits(self.int_digits)
        if getattr(os.environ, "_data", None) != self.environ_data:
            os.environ.clear()
            os.environ.update(self.environ)
        self._restore_runtime()

    def _restore_runtime(self):
        import gc
        import signal
        import warnings

        enabled, threshold = self.gc
        if gc.isenabled() != enabled:
            (gc.enable if enabled else gc.disable)()
        if gc.get_threshold() != threshold:
            gc.set_threshold(*threshold)
        if warnings.filters != self.warning_filters:
            warnings.filters[:] = self.warning_filters
            getattr(warnings, "_filters_mutated", lambda: None)()
        if signal.getsignal(signal.SIGINT) is not self.sigint:
            signal.signal(signal.SIGINT, self.sigint)
        random = sys.modules.get("random")
        if random is not None:
            # A fresh process would not inherit the last run's seed; seeding from 8 bytes of
            # entropy costs far less than random.seed()'s 2.5 KB.
            random.seed(int.from_bytes(os.urandom(8), "little"))


def _classes_of(modules):
    """The classes defined in `modules` that a program could patch (heap types that are not
    immutable); builtin types refuse new attributes anyway."""
    found, seen = [], set()
    for module in modules:
        for value in list(vars(module).values()):
            if (
                isinstance(value, type)
                and id(value) not in seen
                and getattr(value, "__module__", None) == module.__name__
                and value.__flags__ & (1 << 9)  # Py_TPFLAGS_HEAPTYPE
                and not value.__flags__ & (1 << 8)  # Py_TPFLAGS_IMMUTABLETYPE
            ):
                seen.add(id(value))
                found.append(value)
    return found


def _put_back_class(cls, saved):
    current = cls.__dict__
    for key in [key for key in current if key not in saved]:
        delattr(cls, key)
    for key, value in saved.items():
        if current.get(key) is not value:
            setattr(cls, key, value)


def _put_back(namespace, saved):
    for key in [key for key in namespace if key not in saved]:
        del namespace[key]
    namespace.update(saved)


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


# -- Pyodide: what a program may not do to its host ------------------------------------------


def _end_runs_on_os_exit():
    """os._exit() would end the interpreter itself; end the run instead, keeping its output."""
    from .results import _ProcessExit

    def _exit(status):
        raise _ProcessExit(status)

    _exit.__qualname__ = _exit.__name__ = "_exit"
    _exit.__module__ = "posix"
    import posix

    posix._exit = os._exit = _exit


def _lock_down_node():
    """In Node, Emscripten's system() spawns a real shell on the host; make os.system fail
    the way it does in a browser."""
    import posix

    def system(command):
        return -1

    system.__module__ = "posix"
    posix.system = os.system = system


def _watch_audit_events(taint):
    """Calls `taint(event)` when a run does what cannot be put back after it (adds an audit
    hook, pokes memory through ctypes, walks every object the collector knows, sets an
    attribute of a class or function the interpreter already had); the host then replaces
    the interpreter. Audit hooks cannot be removed, so this one sees every later run too."""
    watched = frozenset(("sys.addaudithook", "gc.get_objects", "gc.get_referrers", "gc.get_referents"))
    existing = _existing_classes_and_functions()

    def hook(event, args):
        if event in watched or event.startswith("ctypes."):
            taint(event)
        elif event == "object.__setattr__" and args and id(args[0]) in existing:
            taint(f"{event}: {getattr(args[0], '__qualname__', '?')}.{args[1]}")

    sys.addaudithook(hook)


def _existing_classes_and_functions():
    """The ids of the classes and functions every module holds now, and of their methods.
    They live as long as their modules, so no later object can take one of these ids."""
    found = set()
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for value in list(namespace.values()):
            if isinstance(value, types.FunctionType):
                found.add(id(value))
            elif isinstance(value, type) and id(value) not in found:
                found.add(id(value))
                for member in list(vars(value).values()):
                    function = getattr(member, "__func__", member)
                    if isinstance(function, types.FunctionType):
                        found.add(id(function))
    return frozenset(found)
