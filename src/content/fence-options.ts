import { BACKENDS, type RunOptions, VERSION_PATTERN } from "./schema.ts";
import { STDLIB_MODULE_NAMES } from "./stdlib-modules.ts";

/** Which fence an info string belongs to: each takes its own attributes. */
export const FENCES = ["python", "starter", "solution", "tests", "wrong", "output"] as const;
export type Fence = (typeof FENCES)[number];

/** What a fence's words set. Run options go on any python fence; the rest on one kind only. */
export interface FenceAttributes {
  options: RunOptions;
  /** Solution: the module name the tests import (`module=acronym`). */
  module?: string;
  /** Starter: `starter=passes`, a refactoring exercise whose starter already passes. */
  starterPasses?: true;
  /** Output: the exit status the program ends with (`exit=3`). */
  exitCode?: number;
  /** Output: `escapes=on`, backslash escapes such as `\r` are read in the block. */
  escapes?: true;
}

const PYTHON_FENCES: readonly Fence[] = ["python", "starter", "solution", "tests", "wrong"];

interface Attribute {
  fences: readonly Fence[];
  /** Where the attribute belongs, for a message when it is written somewhere else. */
  belongs: string;
  /** Sets the value, or returns what is wrong with it. */
  apply(value: string, into: FenceAttributes): string | undefined;
}

const ATTRIBUTES: Record<string, Attribute> = {
  "runs-on": {
    fences: PYTHON_FENCES,
    belongs: "python blocks",
    apply(value, into) {
      if (!(BACKENDS as readonly string[]).includes(value))
        return `runs-on=${value}: must be one of ${BACKENDS.join(", ")}`;
      into.options.runsOn = value as RunOptions["runsOn"];
    },
  },
  "requires-python": {
    fences: PYTHON_FENCES,
    belongs: "python blocks",
    apply(value, into) {
      if (!VERSION_PATTERN.test(value))
        return `requires-python=${value}: must be a version such as 3.12`;
      into.options.requiresPython = value;
    },
  },
  timeout: {
    fences: PYTHON_FENCES,
    belongs: "python blocks",
    apply(value, into) {
      const seconds = Number(value);
      if (!(Number.isFinite(seconds) && seconds > 0 && seconds <= 30))
        return `timeout=${value}: must be a number of seconds from 1 to 30`;
      into.options.timeoutSeconds = seconds;
    },
  },
  visualize: {
    fences: ["python"],
    belongs: "an example's or a drill's python block",
    apply(value, into) {
      if (value !== "open")
        return `visualize=${value}: the only value is 'open' (open the step-through visualizer by default)`;
      into.options.visualize = "open";
    },
  },
  module: {
    fences: ["solution"],
    belongs:
      "the Solution's python block (it names the module for the solution, the starter and every wrong solution)",
    apply(value, into) {
      const problem = moduleNameProblem(value);
      if (problem) return `module=${value}: ${problem}`;
      into.module = value;
    },
  },
  starter: {
    fences: ["starter"],
    belongs: "the Starter's python block",
    apply(value, into) {
      if (value !== "passes")
        return `starter=${value}: the only value is 'passes' (a starter that already passes the tests)`;
      into.starterPasses = true;
    },
  },
  exit: {
    fences: ["output"],
    belongs: "output blocks",
    apply(value, into) {
      if (!/^\d{1,3}$/.test(value) || Number(value) > 255)
        return `exit=${value}: must be an exit status from 0 to 255`;
      into.exitCode = Number(value);
    },
  },
  escapes: {
    fences: ["output"],
    belongs: "output blocks",
    apply(value, into) {
      if (value !== "on") return `escapes=${value}: write escapes=on to read \\r, \\t, \\\\ ...`;
      into.escapes = true;
    },
  },
};

/**
 * Reads the words after the language in a fence (`python runs-on=cpython timeout=10`,
 * `output exit=3`). Returns what they set and, for each word it cannot accept, a message for
 * the author.
 */
export function parseFenceOptions(
  meta: string | null | undefined,
  fence: Fence = "python",
): FenceAttributes & { errors: string[] } {
  const into: FenceAttributes = { options: {} };
  const errors: string[] = [];
  const known = Object.keys(ATTRIBUTES).filter((n) => ATTRIBUTES[n]?.fences.includes(fence));
  for (const word of (meta ?? "").split(/\s+/).filter(Boolean)) {
    const [name = "", value] = word.split("=", 2);
    if (value === undefined || value === "") {
      errors.push(`code block attribute '${word}' must be written name=value`);
      continue;
    }
    const attribute = Object.hasOwn(ATTRIBUTES, name) ? ATTRIBUTES[name] : undefined;
    if (!attribute) {
      errors.push(`unknown code block attribute '${name}' (known here: ${known.join(", ")})`);
      continue;
    }
    if (!attribute.fences.includes(fence)) {
      errors.push(`'${name}=' does not belong on this block: it goes on ${attribute.belongs}`);
      continue;
    }
    const error = attribute.apply(value, into);
    if (error) errors.push(error);
  }
  return { ...into, errors };
}

const PYTHON_KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except " +
    "finally for from global if import in is lambda nonlocal not or pass raise return try while " +
    "with yield"
  ).split(" "),
);

/** Names the harness or Pyodide already use: the solution may not take them either. */
const RESERVED_MODULES = new Set(["solution", "tests", "js", "pyodide", "pyodide_js", "micropip"]);

/** Why `name` cannot be the module a solution is registered as, or undefined if it can. */
export function moduleNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    return "must be a Python identifier (letters, digits, underscores; no dots)";
  if (PYTHON_KEYWORDS.has(name)) return "is a Python keyword";
  if (STDLIB_MODULE_NAMES.has(name))
    return "is a standard-library module; the tests and the harness need the real one";
  if (RESERVED_MODULES.has(name) || name.startsWith("pyprep"))
    return "is a name the runner uses itself; pick the exercise's own name";
}
