import { defineConfig } from "vitest/config";

/**
 * `npm run test:reliability`: the suites of test/reliability, one file at a time (each
 * loads the machine on purpose), with the gate of support/settings.ts open.
 */
export default defineConfig({
  test: {
    include: ["test/reliability/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: "forks",
    env: { PYPREP_RELIABILITY: "1" },
  },
});
