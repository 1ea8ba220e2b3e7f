"""PyPrep's step tracer. It runs a program under sys.settrace and writes, for each step, the
line, the event, the stack of the program's frames with their names (as references), the
objects those names reach and what was printed since the previous step.

It is an ordinary program for the runner (trace/program.ts wraps it around the user's
code), so CPython and Pyodide run the same tracer through the same public `run` API. The
trace leaves on stdout after MARKER, one JSON object a line, so a run cut short by the time
limit still returns every step written so far. The user's own printing is captured and
travels inside the steps, so nothing else is on stdout.

Compactness matters because the runner caps stdout at 64 KB: objects get small reference
numbers, and a step only carries the objects that are new or changed since the last step
(the reader keeps the rest). settrace rather than sys.monitoring: it hands us the frame,
exists on every version we run (CPython 3.11 here, 3.14 in Pyodide), and at a few thousand
steps its cost does not matter.
"""

import io
import json
import sys
import types

MARKER = "\x1epyprep-trace/1"
USER_FILE = "main.py"

_CO_GENERATOR_LIKE = 0x20 | 0x80 | 0x200  # generator, coroutine, async generator
_YIELD_OPS = set()
try:
    import dis

    _YIELD_OPS = {dis.opmap[name] for name in ("YIELD_VALUE",) if name in dis.opmap}
except Exception:  # without dis a yield is reported as a return, nothing worse
    pass

_PRIMITIVES = (bool, int, float, complex, str, bytes, type(None), type(...), type(NotImplemented))
# What a class's own namespace always has; hiding these leaves what the author wrote.
_CLASS_NOISE = {"__module__", "__qualname__", "__doc__", "__dict__", "__weakref__",
                "__firstlineno__", "__static_attributes__", "__annotations__",
                "__annotate_func__", "__annotations_cache__", "__classdictcell__"}


class _Limit(BaseException):
    """Ends the traced program. A BaseException, so the program's own `except Exception`
    does not swallow it."""


def _type_name(obj):
    t = type(obj)
    module = getattr(t, "__module__", "builtins")
    name = getattr(t, "__qualname__", t.__name__)
    return name if module in ("builtins", "__main__") else f"{module}.{name}"


class Tracer:
    def __init__(self, out, options):
        self.out = out
        self.max_steps = int(options.get("maxSteps", 1000))
        self.max_objects = int(options.get("maxObjects", 200))
        self.max_bytes = int(options.get("maxBytes", 60000))
        self.max_items = int(options.get("maxItems", 20))
        self.max_repr = int(options.get("maxRepr", 60))
        self.refs = {}  # id(obj) -> reference number
        # Every object seen stays alive until the end, so CPython never hands its id to a
        # new object and one reference number always means one object.
        self.alive = []
        self.sent = {}  # reference -> its encoding as last written
        self.steps = 0
        self.written = 0
        self.captured = io.StringIO()
        self.printed = 0
        self.unwinding = set()  # ids of frames an exception is leaving
        self.boundary = None  # the code object of run(): the stack walk stops there

    # --- writing -------------------------------------------------------------------------

    def _emit(self, record):
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        size = len(line.encode("utf-8", "surrogatepass")) + 1
        self.out.write(line + "\n")
        self.written += size
        return size

    def _new_output(self):
        text = self.captured.getvalue()
        return text[self.printed:]

    # --- references and objects ----------------------------------------------------------

    def _ref(self, obj):
        key = id(obj)
        ref = self.refs.get(key)
        if ref is None:
            ref = len(self.alive) + 1
            self.refs[key] = ref
            self.alive.append(obj)
        return ref

    def _short(self, text):
        return text if len(text) <= self.max_repr else text[: self.max_repr] + "…"

    def _repr(self, obj):
        try:
            return self._short(repr(obj))
        except Exception:  # a broken __repr__, or an int too long for str()
            return f"<{_type_name(obj)} object>"

    def _items(self, values, total, visit):
        shown = [visit(v) for _, v in zip(range(self.max_items), values)]
        return shown, (total if total > len(shown) else None)

    def _frame_view(self, frame, visit):
        return {"n": frame.f_code.co_name, "l": frame.f_lineno, "v": self._names(frame, visit)}

    def _names(self, frame, visit):
        try:
            scope = dict(frame.f_locals)
        except Exception:
            return []
        return [[name, visit(value)] for name, value in scope.items()
                if not (name.startswith("__") and name.endswith("__"))]

    def _encode(self, obj, visit):
        """A JSON-ready description of one object; `visit` turns a child into a reference
        (and queues it to be described too)."""
        t = type(obj)
        tname = _type_name(obj)
        if isinstance(obj, _PRIMITIVES) and t in _PRIMITIVES:
            out = {"k": "p", "t": tname}
            if t is str and len(obj) > self.max_repr:
                out["r"] = repr(obj[: self.max_repr]) + "…"
                out["n"] = len(obj)
            else:
                out["r"] = self._repr(obj)
            return out
        if isinstance(obj, dict):
            pairs = list(zip(range(self.max_items), obj.items()))
            out = {"k": "d", "t": tname, "i": [[visit(k), visit(v)] for _, (k, v) in pairs]}
            if len(obj) > len(pairs):
                out["n"] = len(obj)
            return out
        if isinstance(obj, (list, tuple, set, frozenset)) or tname == "collections.deque":
            kind = "t" if isinstance(obj, tuple) else "s" if isinstance(obj, (set, frozenset)) else "l"
            shown, total = self._items(iter(obj), len(obj), visit)
            out = {"k": kind, "t": tname, "i": shown}
            if total is not None:
                out["n"] = total
            return out
        if isinstance(obj, types.FunctionType):
            return self._function(obj, visit)
        if isinstance(obj, types.CellType):
            try:
                return {"k": "cell", "t": "cell", "v": visit(obj.cell_contents)}
            except ValueError:  # a cell not yet assigned
                return {"k": "cell", "t": "cell"}
        if isinstance(obj, (types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType)):
            return self._generator(obj, visit)
        if isinstance(obj, BaseException):
            return {"k": "x", "t": tname, "m": self._short(str(obj) if obj.args else "")}
        if isinstance(obj, type):
            return self._class(obj, visit)
        if getattr(t, "__module__", None) == "__main__":
            return {"k": "o", "t": tname, "a": self._attributes(obj, visit)}
        return {"k": "r", "t": tname, "r": self._repr(obj)}

    def _function(self, fn, visit):
        code = fn.__code__
        out = {"k": "f", "t": "function", "nm": fn.__qualname__,
               "p": list(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount])}
        defaults = fn.__defaults__ or ()
        if defaults:
            names = code.co_varnames[code.co_argcount - len(defaults): code.co_argcount]
            out["d"] = [[name, visit(value)] for name, value in zip(names, defaults)]
        if fn.__kwdefaults__:
            out.setdefault("d", []).extend([name, visit(v)] for name, v in fn.__kwdefaults__.items())
        if fn.__closure__:
            out["c"] = [[name, visit(cell)] for name, cell in zip(code.co_freevars, fn.__closure__)]
        return out

    def _generator(self, gen, visit):
        prefix = "gi" if isinstance(gen, types.GeneratorType) else (
            "cr" if isinstance(gen, types.CoroutineType) else "ag")
        frame = getattr(gen, f"{prefix}_frame", None)
        # inspect.getgeneratorstate's order, without importing inspect.
        if getattr(gen, f"{prefix}_running", False):
            state = "running"
        elif getattr(gen, f"{prefix}_suspended", False):
            state = "suspended"
        elif frame is None:
            state = "closed"
        else:
            state = "created"
        out = {"k": "g", "t": _type_name(gen), "nm": gen.__qualname__, "s": state}
        if frame is not None and state != "running":
            out["fr"] = self._frame_view(frame, visit)
        return out

    def _class(self, cls, visit):
        out = {"k": "c", "t": "type", "nm": cls.__qualname__}
        if cls.__module__ != "__main__":
            return out
        out["b"] = [base.__qualname__ for base in cls.__bases__ if base is not object]
        out["a"] = [[name, visit(value)] for name, value in vars(cls).items()
                    if name not in _CLASS_NOISE
                    and not (name.startswith("__") and name.endswith("__")
                             and not isinstance(value, (types.FunctionType, classmethod, staticmethod)))]
        return out

    def _attributes(self, obj, visit):
        attrs = []
        try:
            attrs.extend(vars(obj).items())
        except TypeError:  # no __dict__: only slots
            pass
        for klass in type(obj).__mro__:
            slots = klass.__dict__.get("__slots__", ())
            for name in (slots,) if isinstance(slots, str) else slots:
                if name in ("__dict__", "__weakref__"):
                    continue
                try:
                    attrs.append((name, object.__getattribute__(obj, name)))
                except AttributeError:
                    pass
        return [[name, visit(value)] for name, value in attrs[: self.max_items * 2]]

    # --- steps ---------------------------------------------------------------------------

    def _stack(self, frame):
        frames = []
        while frame is not None and frame.f_code is not self.boundary:
            if frame.f_code.co_filename == USER_FILE:
                frames.append(frame)
            frame = frame.f_back
        frames.reverse()
        return frames

    def _step(self, frame, event, value=None, exception=None):
        if self.steps >= self.max_steps:
            raise _Limit(f"Stopped after {self.max_steps} steps: the program may loop forever. "
                         "The steps so far are shown.")
        seen = {}
        queue = []

        def visit(obj):
            ref = self._ref(obj)
            if ref not in seen:
                seen[ref] = None
                queue.append((ref, obj))
            return ref

        record = {"l": frame.f_lineno, "e": event, "f": []}
        for f in self._stack(frame):
            view = self._frame_view(f, visit)
            if f.f_code.co_flags & _CO_GENERATOR_LIKE:
                view["g"] = 1
            record["f"].append(view)
        if value is not None:
            record["r"] = visit(value[0])
        if exception is not None:
            record["x"] = visit(exception)
        delta = {}
        while queue:
            if len(seen) > self.max_objects:
                raise _Limit(f"Stopped at step {self.steps + 1}: more than {self.max_objects} "
                             "objects are in use, too many to draw.")
            ref, obj = queue.pop(0)
            encoded = self._encode(obj, visit)
            text = json.dumps(encoded, ensure_ascii=False, sort_keys=True)
            if self.sent.get(ref) != text:
                delta[str(ref)] = (encoded, text)
        if delta:
            record["h"] = {ref: encoded for ref, (encoded, _) in delta.items()}
        output = self._new_output()
        if output:
            record["o"] = output
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        # Room is kept for the end record, so a trace that hits the size limit still ends.
        if self.written + len(line.encode("utf-8", "surrogatepass")) + 2048 > self.max_bytes:
            raise _Limit(f"Stopped after {self.steps} steps: the trace is over "
                         f"{self.max_bytes // 1000} KB, too long to show whole.")
        self.out.write(line + "\n")
        self.written += len(line.encode("utf-8", "surrogatepass")) + 1
        for ref, (_, text) in delta.items():
            self.sent[int(ref)] = text
        self.printed += len(output)
        self.steps += 1

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != USER_FILE:
            return None
        if frame.f_back is not None and frame.f_back.f_code is not self.boundary:
            self._step(frame, "call")
        return self._local

    def _local(self, frame, event, arg):
        if event == "line":
            self.unwinding.discard(id(frame))
            self._step(frame, "line")
        elif event == "exception":
            self.unwinding.add(id(frame))
            self._step(frame, "exception", exception=arg[1])
        elif event == "return":
            if id(frame) in self.unwinding and arg is None:
                self.unwinding.discard(id(frame))
            else:
                kind = "return"
                code = frame.f_code
                if code.co_flags & _CO_GENERATOR_LIKE and frame.f_lasti >= 0:
                    try:
                        if code.co_code[frame.f_lasti] in _YIELD_OPS:
                            kind = "yield"
                    except IndexError:
                        pass
                self._step(frame, kind, value=(arg,))
        return self._local

    # --- the run -------------------------------------------------------------------------

    def _exception_record(self, error, source_lines):
        tb_lines = []
        at = None
        tb = error.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename == USER_FILE:
                line = at = tb.tb_lineno
                tb_lines.append(f'  File "{USER_FILE}", line {line}, in {code.co_name}')
                if 0 < line <= len(source_lines):
                    tb_lines.append("    " + source_lines[line - 1].strip())
            tb = tb.tb_next
        message = str(error)
        headline = f"{_type_name(error)}: {message}" if message else _type_name(error)
        record = {"t": _type_name(error), "m": message, "line": headline}
        if isinstance(error, SyntaxError) and error.lineno:
            record["at"] = error.lineno
        elif at is not None:
            record["at"] = at
        trace = ["Traceback (most recent call last):", *tb_lines] if tb_lines else []
        record["tb"] = "\n".join([*trace, headline])
        return record

    def run(self, source):
        self.boundary = sys._getframe().f_code
        self.out.write(MARKER + "\n")
        end = {"end": "done"}
        main = types.ModuleType("__main__")
        main.__dict__["__builtins__"] = __builtins__
        main.__dict__["__file__"] = USER_FILE
        saved_main = sys.modules.get("__main__")
        saved_stdout = sys.stdout
        try:
            compiled = compile(source, USER_FILE, "exec", dont_inherit=True)
        except SyntaxError as error:
            self._emit({"end": "exception", "x": self._exception_record(error, source.splitlines()),
                        "steps": 0})
            return
        sys.modules["__main__"] = main
        sys.stdout = self.captured
        try:
            sys.settrace(self._global)
            try:
                exec(compiled, main.__dict__)
            finally:
                sys.settrace(None)
        except _Limit as limit:
            end = {"end": "limit", "msg": str(limit)}
        except SystemExit as exit_:
            code = exit_.code
            end = {"end": "exit", "code": code if isinstance(code, int) else (0 if code is None else 1)}
        except KeyboardInterrupt:
            # The host's time limit or Stop on Pyodide: the runner reports it; the steps
            # written so far stay on stdout.
            raise
        except BaseException as error:  # the program's own uncaught exception
            end = {"end": "exception", "x": self._exception_record(error, source.splitlines())}
        finally:
            sys.stdout = saved_stdout
            if saved_main is not None:
                sys.modules["__main__"] = saved_main
        output = self._new_output()
        if output:
            end["o"] = output[: max(0, self.max_bytes - self.written - 1024)]
        end["steps"] = self.steps
        self._emit(end)


def main(source, options):
    Tracer(sys.stdout, json.loads(options)).run(source)
