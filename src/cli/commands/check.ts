import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import cliProgress from "cli-progress";
import { planChecks } from "../../check/plan.ts";
import { runChecks } from "../../check/run-checks.ts";
import { formatProblem, type Problem, sortProblems } from "../../content/problem.ts";
import {
  ContentPathError,
  DEFAULT_CONTENT_ROOT,
  listMarkdown,
  loadBank,
} from "../../content/read-bank.ts";
import type { Backend } from "../../content/schema.ts";
import { CpythonRunner } from "../../python/cpython/runner.ts";
import { PyodideRunner } from "../../python/pyodide/node-runner.ts";
import type { Runner } from "../../python/types.ts";

export interface CheckOptions {
  backend: "cpython" | "pyodide" | "both";
  root?: string;
  progress?: boolean;
}

/** `pyprep check`: validate files, run every example, drill and exercise; 0 when all is well. */
export async function checkCommand(paths: string[], options: CheckOptions): Promise<number> {
  const started = performance.now();
  const pack = options.root === undefined ? await packRoot(paths) : undefined;
  // As given, so notes name the folder the way the user wrote it.
  const root = options.root ?? pack ?? DEFAULT_CONTENT_ROOT;
  const files = paths.length > 0 && !pack ? await expand(paths) : undefined;
  const { bank, problems: parseProblems, notes } = await loadBank(root, files);
  if (pack) notes.unshift(`checking ${pack} as a content pack (it has its own catalog)`);
  for (const note of notes) console.log(`note: ${note}`);
  const show = (p: Problem) =>
    formatProblem({ ...p, file: path.relative(process.cwd(), path.join(root, p.file)) || p.file });

  const backends: Backend[] =
    options.backend === "both" ? ["cpython", "pyodide"] : [options.backend];
  const cores = availableParallelism();
  const runners: Partial<Record<Backend, Runner>> = {};
  if (backends.includes("cpython")) runners.cpython = new CpythonRunner();
  if (backends.includes("pyodide"))
    runners.pyodide = new PyodideRunner({ size: Math.min(cores, 4) });
  try {
    const versions = {
      cpython: await runners.cpython?.version(),
      pyodide: await runners.pyodide?.version(),
    };
    const { jobs, skips } = planChecks(bank.questions, backends, versions);
    const useBar = options.progress ?? process.stderr.isTTY;
    const bar = useBar
      ? new cliProgress.SingleBar(
          {
            format: "checking {bar} {value}/{total} runs | {failed} failed | {eta}s left",
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    bar?.start(jobs.length, 0, { failed: 0 });
    let failedSoFar = 0;
    const concurrency = { cpython: cores + 2, pyodide: Math.min(cores, 4) };
    const outcome = await runChecks(jobs, runners, {
      // CPython jobs are forked processes that often just wait (sleeps, timeouts), so run a
      // few more than cores; not many more, as time limits are wall-clock and CPU-heavy
      // examples (tracemalloc, big inputs) then time out on a busy machine.
      concurrency,
      timeScale: Math.max(1, (concurrency.cpython + concurrency.pyodide) / cores),
      onDone: (_job, problem) => {
        if (problem) failedSoFar++;
        bar?.increment(1, { failed: failedSoFar });
      },
    });
    bar?.stop();

    const all = sortProblems([...parseProblems, ...outcome.problems]);
    for (const problem of all) console.log(show(problem));
    if (all.length > 0) console.log("");
    const skipsByReason = new Map<string, number>();
    for (const skip of skips)
      skipsByReason.set(
        `${skip.backend}: ${skip.reason}`,
        (skipsByReason.get(`${skip.backend}: ${skip.reason}`) ?? 0) + 1,
      );
    for (const [reason, count] of skipsByReason)
      console.log(`skipped ${count} run${count === 1 ? "" : "s"} (${reason})`);
    const backendLine = backends
      .map(
        (b) =>
          `${b} ${versions[b] ?? "?"}: ${outcome.byBackend[b].passed} passed, ${outcome.byBackend[b].failed} failed`,
      )
      .join("; ");
    console.log(
      `${bank.questions.length} questions valid, ${parseProblems.length} file problem${parseProblems.length === 1 ? "" : "s"}; runs: ${backendLine}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      all.length === 0
        ? "check passed"
        : `check failed: ${all.length} problem${all.length === 1 ? "" : "s"}`,
    );
    return all.length === 0 ? 0 : 1;
  } finally {
    await Promise.all(Object.values(runners).map((r) => r?.close()));
  }
}

/** One folder argument holding a `topics.yaml` or `coverage.yaml` is a pack's root. */
async function packRoot(paths: string[]): Promise<string | undefined> {
  const [only, ...rest] = paths;
  if (only === undefined || rest.length > 0) return undefined;
  const isFile = (name: string) =>
    stat(path.join(only, name)).then(
      (info) => info.isFile(),
      () => false,
    );
  return (await isFile("topics.yaml")) || (await isFile("coverage.yaml")) ? only : undefined;
}

async function expand(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info) throw new ContentPathError(p, `no such file or folder: ${p}`);
    if (info.isDirectory()) out.push(...(await listMarkdown(p)));
    else out.push(p);
  }
  return out;
}
