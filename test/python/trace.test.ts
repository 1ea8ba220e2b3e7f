import { afterAll, describe, expect, it } from "vitest";
import { traceCode } from "../../src/python/trace/trace.ts";
import type { HeapObject, Ref, Step, Trace } from "../../src/python/trace/types.ts";
import type { Runner } from "../../src/python/types.ts";
import { TARGETS } from "./targets.ts";

/** The frame's binding of `name` at this step (the innermost frame that has it). */
function refOf(step: Step, name: string, frame?: string): Ref {
  const frames = [...step.frames].reverse().filter((f) => !frame || f.name === frame);
  for (const f of frames) {
    const found = f.vars.find((v) => v.name === name);
    if (found) return found.ref;
  }
  throw new Error(`no ${name} at step ${step.index} (line ${step.line})`);
}

function obj(step: Step, ref: Ref): HeapObject {
  const found = step.heap.get(ref);
  if (!found) throw new Error(`object ${ref} not in the heap at step ${step.index}`);
  return found;
}

/** The primitive reprs of a list's items. */
function reprs(step: Step, ref: Ref): string[] {
  const list = obj(step, ref);
  if (list.kind !== "list" && list.kind !== "tuple") throw new Error(`${list.kind} is no list`);
  return list.items.map((item) => {
    const o = obj(step, item);
    return o.kind === "primitive" ? o.repr : `<${o.kind}>`;
  });
}

/** The first step about to run `line` (its line event), after `after` if given. */
function at(trace: Trace, line: number, after = -1): Step {
  const step = trace.steps.find((s) => s.index > after && s.line === line && s.event === "line");
  if (!step) throw new Error(`no line step for line ${line}`);
  return step;
}

const last = (trace: Trace): Step => {
  const step = trace.steps.at(-1);
  if (!step) throw new Error("no steps");
  return step;
};

for (const target of ["cpython", "pyodide"] as const) {
  describe(`the tracer on ${target}`, { timeout: 60_000 }, () => {
    let runner: Runner | undefined;
    const trace = (code: string, options = {}) => {
      runner ??= TARGETS[target]();
      return traceCode(runner, { code, options });
    };
    afterAll(async () => {
      await runner?.close();
    });

    it("b = a then b.append(2): a and b name one list", async () => {
      const t = await trace("a = [1]\nb = a\nb.append(2)\nprint(a)\n");
      expect(t.end.status).toBe("done");
      const before = at(t, 3);
      expect(refOf(before, "a")).toBe(refOf(before, "b"));
      expect(reprs(before, refOf(before, "a"))).toEqual(["1"]);
      const after = at(t, 4);
      expect(reprs(after, refOf(after, "b"))).toEqual(["1", "2"]);
      expect(refOf(after, "a")).toBe(refOf(before, "a"));
      expect(last(t).stdout).toBe("[1, 2]\n");
      expect(t.stdout).toBe("[1, 2]\n");
    });

    it("a = b = 5 names one int object; c = 6 another", async () => {
      const t = await trace("a = b = 5\nc = 6\npass\n");
      const step = at(t, 3);
      expect(refOf(step, "a")).toBe(refOf(step, "b"));
      expect(refOf(step, "c")).not.toBe(refOf(step, "a"));
      expect(obj(step, refOf(step, "a"))).toEqual({ kind: "primitive", type: "int", repr: "5" });
    });

    it("a mutable default argument: the one list grows across calls", async () => {
      const code = [
        "def add(item, bucket=[]):",
        "    bucket.append(item)",
        "    return bucket",
        "first = add(1)",
        "second = add(2)",
        "print(first is second, first)",
      ].join("\n");
      const t = await trace(code);
      const calls = t.steps.filter((s) => s.event === "call" && s.frames.at(-1)?.name === "add");
      expect(calls).toHaveLength(2);
      const [one, two] = calls as [Step, Step];
      const fn = obj(one, refOf(one, "add", "<module>"));
      if (fn.kind !== "function") throw new Error("add is not a function");
      const dflt = fn.defaults.find((d) => d.name === "bucket")?.ref;
      expect(dflt).toBeDefined();
      expect(refOf(one, "bucket", "add")).toBe(dflt);
      expect(refOf(two, "bucket", "add")).toBe(dflt);
      expect(reprs(one, dflt as Ref)).toEqual([]);
      expect(reprs(two, dflt as Ref)).toEqual(["1"]);
      const end = at(t, 6);
      expect(refOf(end, "first")).toBe(dflt);
      expect(refOf(end, "second")).toBe(dflt);
      expect(reprs(end, dflt as Ref)).toEqual(["1", "2"]);
      expect(t.stdout).toBe("True [1, 2]\n");
    });

    it("copy.copy shares the inner lists, copy.deepcopy does not", async () => {
      const code = [
        "import copy",
        "grid = [[0], [1]]",
        "shallow = copy.copy(grid)",
        "deep = copy.deepcopy(grid)",
        "pass",
      ].join("\n");
      const t = await trace(code);
      const step = at(t, 5);
      const items = (name: string) => {
        const o = obj(step, refOf(step, name));
        if (o.kind !== "list") throw new Error(`${name} is no list`);
        return o.items;
      };
      expect(refOf(step, "shallow")).not.toBe(refOf(step, "grid"));
      expect(items("shallow")).toEqual(items("grid"));
      expect(items("deep")).toHaveLength(2);
      for (const [i, inner] of items("deep").entries()) {
        expect(inner).not.toBe(items("grid")[i]);
        expect(reprs(step, inner)).toEqual(reprs(step, items("grid")[i] as Ref));
      }
      // Steps inside copy.py are not the user's: every frame is main.py code.
      expect(t.steps.flatMap((s) => s.frames.map((f) => f.name))).not.toContain("deepcopy");
    });

    it("a closure shows its cell, shared by the functions that close over it", async () => {
      const code = [
        "def counter():",
        "    count = 0",
        "    def inc():",
        "        nonlocal count",
        "        count += 1",
        "        return count",
        "    def peek():",
        "        return count",
        "    return inc, peek",
        "inc, peek = counter()",
        "inc()",
        "inc()",
        "pass",
      ].join("\n");
      const t = await trace(code);
      const step = at(t, 13);
      const inc = obj(step, refOf(step, "inc"));
      const peek = obj(step, refOf(step, "peek"));
      if (inc.kind !== "function" || peek.kind !== "function") throw new Error("not functions");
      expect(inc.name).toBe("counter.<locals>.inc");
      expect(inc.cells.map((c) => c.name)).toEqual(["count"]);
      const cellRef = inc.cells[0]?.ref as Ref;
      expect(peek.cells[0]?.ref).toBe(cellRef);
      const cell = obj(step, cellRef);
      if (cell.kind !== "cell" || cell.value === null) throw new Error("no cell value");
      expect(obj(step, cell.value)).toMatchObject({ kind: "primitive", repr: "2" });
      // The counter frame is gone, the cell lives on.
      expect(step.frames.map((f) => f.name)).toEqual(["<module>"]);
    });

    it("a generator shows its suspended frame with its locals", async () => {
      const code = [
        "def countdown(n):",
        "    while n > 0:",
        "        yield n",
        "        n -= 1",
        "g = countdown(3)",
        "first = next(g)",
        "second = next(g)",
        "pass",
      ].join("\n");
      const t = await trace(code);
      const created = at(t, 6);
      expect(obj(created, refOf(created, "g"))).toMatchObject({
        kind: "generator",
        state: "created",
      });
      const yields = t.steps.filter((s) => s.event === "yield");
      expect(yields.length).toBeGreaterThanOrEqual(2);
      expect(yields[0]?.frames.at(-1)).toMatchObject({ name: "countdown", generator: true });
      const paused = at(t, 8);
      const gen = obj(paused, refOf(paused, "g"));
      if (gen.kind !== "generator") throw new Error("g is no generator");
      expect(gen.state).toBe("suspended");
      expect(gen.frame?.name).toBe("countdown");
      expect(gen.frame?.line).toBe(3);
      const n = gen.frame?.vars.find((v) => v.name === "n")?.ref as Ref;
      expect(obj(paused, n)).toMatchObject({ repr: "2" });
      expect(obj(paused, refOf(paused, "second"))).toMatchObject({ repr: "2" });
      expect(paused.frames.map((f) => f.name)).toEqual(["<module>"]);
    });

    it("an exception: the raising step, the object, and the end with its traceback", async () => {
      const code = [
        "class Account:",
        "    def __init__(self, balance):",
        "        self.balance = balance",
        "def withdraw(account, amount):",
        "    if amount > account.balance:",
        "        raise ValueError(f'only {account.balance} left')",
        "    account.balance -= amount",
        "acct = Account(10)",
        "print('start')",
        "withdraw(acct, 25)",
      ].join("\n");
      const t = await trace(code);
      expect(t.end.status).toBe("exception");
      expect(t.end.exception).toMatchObject({
        type: "ValueError",
        line: "ValueError: only 10 left",
        at: 6,
      });
      expect(t.end.exception?.traceback).toContain('File "main.py", line 10, in <module>');
      expect(t.end.exception?.traceback).toContain('File "main.py", line 6, in withdraw');
      expect(t.end.exception?.traceback).not.toContain("pyprep");
      const raising = t.steps.find((s) => s.event === "exception");
      expect(raising?.frames.map((f) => f.name)).toEqual(["<module>", "withdraw"]);
      expect(obj(raising as Step, raising?.exception as Ref)).toEqual({
        kind: "exception",
        type: "ValueError",
        message: "only 10 left",
      });
      const account = obj(raising as Step, refOf(raising as Step, "account", "withdraw"));
      expect(account.kind).toBe("instance");
      expect(account).toMatchObject({ type: "Account" });
      expect(refOf(raising as Step, "account")).toBe(refOf(raising as Step, "acct", "<module>"));
      expect(raising?.stdout).toBe("start\n");
    });

    it("a syntax error ends the trace with no steps and its line", async () => {
      const t = await trace("x = 1\ndef broken(:\n    pass\n");
      expect(t.steps).toHaveLength(0);
      expect(t.end).toMatchObject({
        status: "exception",
        exception: { type: "SyntaxError", at: 2 },
      });
    });

    it("while True stops at the step limit with a clear message", async () => {
      const t = await trace("n = 0\nwhile True:\n    n += 1\n", { maxSteps: 300 });
      expect(t.end.status).toBe("limit");
      expect(t.end.message).toMatch(/^Stopped after 300 steps: the program may loop forever/);
      expect(t.steps).toHaveLength(300);
    });

    it("too many objects stops cleanly with the count", async () => {
      const t = await trace("items = []\nfor i in range(1000):\n    items.append([i])\n", {
        maxObjects: 50,
        maxItems: 100,
      });
      expect(t.end.status).toBe("limit");
      expect(t.end.message).toMatch(/more than 50 objects/);
      for (const step of t.steps) expect(step.heap.size).toBeLessThanOrEqual(50);
    });

    it("a trace too big for stdout stops under the size limit", async () => {
      const t = await trace("s = ''\nfor i in range(5000):\n    s += 'x'\n    print(i)\n");
      expect(t.end.status).toBe("limit");
      expect(t.end.message).toMatch(/the trace is over 60 KB/);
      expect(t.steps.length).toBeGreaterThan(100);
    });

    it("long containers are cut with their length; dicts, sets, tuples and classes", async () => {
      const code = [
        "big = list(range(100))",
        "d = {'a': 1, 'b': [2]}",
        "s = {3}",
        "t = (1, 'two')",
        "class Point:",
        "    def __init__(self, x):",
        "        self.x = x",
        "p = Point(big)",
        "text = 'y' * 500",
        "pass",
      ].join("\n");
      const t = await trace(code, { maxItems: 5 });
      const step = at(t, 10);
      expect(obj(step, refOf(step, "big"))).toMatchObject({ kind: "list", length: 100 });
      expect(reprs(step, refOf(step, "big"))).toEqual(["0", "1", "2", "3", "4"]);
      const d = obj(step, refOf(step, "d"));
      if (d.kind !== "dict") throw new Error("d is no dict");
      expect(d.entries.map(([k]) => obj(step, k))).toMatchObject([
        { repr: "'a'" },
        { repr: "'b'" },
      ]);
      expect(obj(step, refOf(step, "s"))).toMatchObject({ kind: "set", type: "set" });
      expect(reprs(step, refOf(step, "t"))).toEqual(["1", "'two'"]);
      const p = obj(step, refOf(step, "p"));
      expect(p).toMatchObject({ kind: "instance", type: "Point" });
      if (p.kind === "instance") expect(p.attrs[0]).toEqual({ name: "x", ref: refOf(step, "big") });
      expect(obj(step, refOf(step, "Point"))).toMatchObject({ kind: "class", name: "Point" });
      expect(obj(step, refOf(step, "text"))).toMatchObject({ kind: "primitive", length: 500 });
    });

    it("a run cut by the time limit keeps the steps written before it", async () => {
      runner ??= TARGETS[target]();
      const t = await traceCode(runner, {
        code: "import time\nx = [1]\ntime.sleep(30)\nprint('never')\n",
        timeLimitS: 1,
      });
      expect(t.end.status).toBe("cut");
      expect(t.end.message).toMatch(/time limit/);
      expect(t.stdout).toBe("");
      // Pyodide's host terminates a worker stuck in sleep and its output goes with it;
      // CPython's pipes keep every step written before the kill.
      if (target === "cpython") expect(at(t, 3).frames[0]?.vars.map((v) => v.name)).toContain("x");
    });

    it("reads stdin and keeps the output per step", async () => {
      runner ??= TARGETS[target]();
      const t = await traceCode(runner, {
        code: "name = input('who? ')\nprint('hi', name)\npass\n",
        stdin: "ada\n",
      });
      expect(at(t, 2).stdout).toBe("who? ");
      expect(at(t, 3).stdout).toBe("who? hi ada\n");
    });
  });
}
