import { type Command, Option } from "commander";
import { compareVersions, type RunOptions } from "../content/schema.ts";
import { CpythonRunner } from "../python/cpython/runner.ts";
import { PyodideRunner } from "../python/pyodide/node-runner.ts";
import type { Runner } from "../python/types.ts";
import { CliError } from "./errors.ts";

export const BACKEND_CHOICES = ["auto", "cpython", "pyodide"] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export function addBackendOption(command: Command): Command {
  return command.addOption(
    new Option(
      "--backend <name>",
      "where your code runs: the local python3, or Pyodide (auto: python3 when there is one)",
    )
      .choices(BACKEND_CHOICES)
      .default("auto"),
  );
}

/** Which runner takes a block, or why none can (the card is then graded without running). */
export type Placement =
  | { runner: Runner; note?: string; reason?: undefined }
  | { runner?: undefined; note?: undefined; reason: string };

/**
 * The runners a session uses. The chosen backend runs everything it can; a block that
 * needs a newer Python than the local `python3` goes to Pyodide (3.14) instead, said
 * in a note. Runners start lazily: a session of concept cards never starts Python.
 */
export class SessionPython {
  private cpython: Promise<{ runner: CpythonRunner; version: string } | undefined> | undefined;
  private pyodide: PyodideRunner | undefined;
  private readonly choice: BackendChoice;
  /** Said once, when `auto` found no `python3`. */
  notice: string | undefined;

  constructor(choice: BackendChoice) {
    this.choice = choice;
  }

  /** Checks up front that an explicit `--backend cpython` has an interpreter. */
  async check(): Promise<void> {
    if (this.choice === "pyodide") return;
    const found = await this.localPython();
    if (!found && this.choice === "cpython") {
      throw new CliError(
        `no python3 found (${process.env.PYPREP_PYTHON ?? "python3"}): install it, set PYPREP_PYTHON, or use --backend pyodide`,
      );
    }
    if (!found) this.notice = "No python3 found: your code runs on Pyodide (Python 3.14).";
  }

  async place(options: RunOptions): Promise<Placement> {
    const local = this.choice === "pyodide" ? undefined : await this.localPython();
    if (local) {
      const tooOld =
        options.requiresPython && compareVersions(local.version, options.requiresPython) < 0;
      if (!tooOld) return { runner: local.runner };
      if (options.runsOn === "cpython") {
        return {
          reason: `it needs Python ${options.requiresPython}+ with CPython; your python3 is ${local.version}`,
        };
      }
      return {
        runner: this.pyodideRunner(),
        note: `Runs on Pyodide: it needs Python ${options.requiresPython}+ and your python3 is ${local.version}.`,
      };
    }
    if (options.runsOn === "cpython") {
      return { reason: "it runs on CPython only, and this session runs Python on Pyodide" };
    }
    return { runner: this.pyodideRunner() };
  }

  async close(): Promise<void> {
    const local = await this.cpython;
    await Promise.all([local?.runner.close(), this.pyodide?.close()]);
  }

  private localPython(): Promise<{ runner: CpythonRunner; version: string } | undefined> {
    this.cpython ??= (async () => {
      const runner = new CpythonRunner();
      try {
        return { runner, version: await runner.version() };
      } catch {
        await runner.close();
        return undefined;
      }
    })();
    return this.cpython;
  }

  private pyodideRunner(): PyodideRunner {
    this.pyodide ??= new PyodideRunner({ size: 1 });
    return this.pyodide;
  }
}
