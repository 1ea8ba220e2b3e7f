#!/usr/bin/env node
// `npm test`: format/lint, types, the vitest suite, the reliability suites and `pyprep check`
// on the whole bank, then one closing line `N passed, N failed` for the whole run (CI reads
// it). `node scripts/test.mjs <step>…` runs only those steps (`npm run test:reliability`).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const steps = [];
const record = (name, passed, failed, skipped = 0) => steps.push({ name, passed, failed, skipped });

function sh(command, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
      env: { ...process.env, ...env },
    });
    let out = "";
    if (capture)
      child.stdout.on("data", (d) => {
        out += d;
        process.stdout.write(d);
      });
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith("--"));
const want = (name) => only.length === 0 || only.includes(name);
// `--full`: the reliability suites at full size (60 s soak, more crash cycles and fuzz
// runs), recording their figures in bench/results/reliability.json.
const full = args.includes("--full");

/** Runs vitest with a JSON report and records its counts under `name`. */
async function vitest(name, extraArgs = [], env = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-vitest-"));
  const report = path.join(dir, "report.json");
  const { code } = await sh(
    "npx",
    [
      "vitest",
      "run",
      ...extraArgs,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    { env },
  );
  try {
    const json = JSON.parse(readFileSync(report, "utf8"));
    record(
      name,
      json.numPassedTests,
      json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0),
      json.numPendingTests + json.numTodoTests,
    );
  } catch {
    record(name, 0, 1);
  }
  rmSync(dir, { recursive: true, force: true });
}

if (want("lint")) {
  console.log("\n== biome (format + lint)");
  const { code } = await sh("npx", ["biome", "check", "."]);
  record("lint", code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}
if (want("types")) {
  console.log("\n== tsc --noEmit");
  const { code } = await sh("npx", ["tsc", "--noEmit"]);
  record("types", code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}
if (want("unit")) {
  // The browser tests drive the built app; build it so they test this checkout's code.
  console.log("\n== vite build (the web app the browser tests drive)");
  const build = await sh("npx", ["vite", "build", "--logLevel", "warn"]);
  record("build", build.code === 0 ? 1 : 0, build.code === 0 ? 0 : 1);
  console.log("\n== vitest");
  await vitest("vitest");
}
if (want("reliability")) {
  // Soak, crash, faults, fuzz, isolation, headers: one file at a time, after the build
  // (the headers suite drives the built app). CI runs the short sizes.
  console.log(`\n== reliability suites${full ? " (full run)" : ""}`);
  await vitest("reliability", ["--config", "test/reliability/vitest.config.ts"], {
    PYPREP_RELIABILITY: "1",
    ...(full ? { PYPREP_RELIABILITY_FULL: "1" } : {}),
  });
}
if (want("bank")) {
  console.log("\n== pyprep check --backend both (the whole bank)");
  const { code, out } = await sh(
    "node",
    ["bin/pyprep.js", "check", "--backend", "both", "--no-progress"],
    { capture: true },
  );
  const counts = [...out.matchAll(/(\d+) passed, (\d+) failed/g)];
  const passed = counts.reduce((n, m) => n + Number(m[1]), 0);
  const failed = counts.reduce((n, m) => n + Number(m[2]), 0);
  record("bank", passed, failed + (code !== 0 && failed === 0 ? 1 : 0));
}

console.log("\n== summary");
for (const s of steps)
  console.log(
    `${s.name.padEnd(12)} ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ""}`,
  );
const total = steps.reduce(
  (t, s) => ({
    passed: t.passed + s.passed,
    failed: t.failed + s.failed,
    skipped: t.skipped + s.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`,
);
process.exitCode = total.failed === 0 && steps.length > 0 ? 0 : 1;
