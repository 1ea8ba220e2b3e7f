import { afterAll, describe, expect, it } from "vitest";
import { programOutput } from "../../src/python/output.ts";
import type { Runner, RunResult } from "../../src/python/types.ts";
import { ALL_TARGETS, TARGETS } from "./targets.ts";

/** What CPython itself does with these programs; every backend must do the same. */
const CASES: Array<{ name: string; code: string; stdin?: string; check: (r: RunResult) => void }> =
  [
    {
      name: "exception notes are printed after the exception line, as CPython prints them",
      code: [
        "error = ValueError('bad value')",
        "error.add_note('first note')",
        "error.add_note('second note\\nover two lines')",
        "raise error",
      ].join("\n"),
      check: (r) => {
        const exception = r.exception as RunResult["exception"] & { notes?: string[] };
        expect(exception?.line).toBe("ValueError: bad value");
        expect(exception?.notes).toEqual(["first note", "second note\nover two lines"]);
        expect(exception?.traceback).toMatch(
          /ValueError: bad value\nfirst note\nsecond note\nover two lines\n$/,
        );
        expect(programOutput(r)).toBe(
          "ValueError: bad value\nfirst note\nsecond note\nover two lines\n",
        );
      },
    },
    {
      name: "a lone surrogate on stdout raises UnicodeEncodeError, as on a strict UTF-8 stdout",
      code: "print('before')\nprint('\\udc80')\nprint('never')",
      check: (r) => {
        expect(r.stdout).toBe("before\n");
        expect(r.exception?.line).toBe(
          "UnicodeEncodeError: 'utf-8' codec can't encode character '\\udc80' in position 0: surrogates not allowed",
        );
        expect(r.exception?.traceback).toContain('File "main.py", line 2, in <module>');
        expect(r.exception?.traceback).not.toContain("pyprep_harness");
      },
    },
    {
      name: "a lone surrogate on stderr is escaped, as stderr's backslashreplace does",
      code: "import sys\nprint('\\udc80', file=sys.stderr)",
      check: (r) => {
        expect(r.exception).toBeNull();
        expect(r.stderr).toBe("\\udc80\n");
      },
    },
    {
      name: "sys.exit(3) is exit status 3",
      code: "import sys\nprint('bye')\nsys.exit(3)",
      check: (r) => {
        expect(r.stdout).toBe("bye\n");
        expect(r.exitCode).toBe(3);
        expect(r.exception).toBeNull();
      },
    },
    {
      name: "SystemExit with a message prints it to stderr and exits 1",
      code: "raise SystemExit('giving up')",
      check: (r) => {
        expect(r.exitCode).toBe(1);
        expect(r.stderr).toBe("giving up\n");
        expect(r.exception).toBeNull();
      },
    },
    {
      name: "os._exit(3) keeps what was printed and is exit status 3",
      code: "import os\nprint('before', flush=True)\nos._exit(3)",
      check: (r) => {
        expect(r.stdout).toBe("before\n");
        expect(r.exitCode).toBe(3);
        expect(r.exception).toBeNull();
      },
    },
    {
      name: "print, sys.stdout.buffer and os.write(1) come out in the order written",
      code: "import os, sys\nprint('a', flush=True)\nos.write(1, b'b\\n')\nsys.stdout.buffer.write(b'c\\n')\nprint('d')",
      check: (r) => expect(r.stdout).toBe("a\nb\nc\nd\n"),
    },
    {
      name: "stdin can be read as bytes",
      code: "import sys\nprint(sys.stdin.buffer.read())",
      stdin: "héllo\n",
      check: (r) => expect(r.stdout).toBe("b'h\\xc3\\xa9llo\\n'\n"),
    },
    {
      name: "an exception says where it was raised",
      code: "def inner():\n    raise KeyError('k')\n\ninner()",
      check: (r) => {
        const exception = r.exception as RunResult["exception"] & { location?: unknown };
        expect(exception?.location).toEqual({ file: "main.py", line: 2 });
      },
    },
  ];

for (const target of ALL_TARGETS) {
  describe(`fidelity on ${target}`, () => {
    const runner: Runner = TARGETS[target]();
    afterAll(() => runner.close());
    for (const program of CASES) {
      it(program.name, async () => {
        const result = await runner.run({
          code: program.code,
          ...(program.stdin !== undefined ? { stdin: program.stdin } : {}),
        });
        program.check(result);
        const next = await runner.run({ code: "print('next run works')" });
        expect(next.stdout).toBe("next run works\n");
      });
    }
  });
}
