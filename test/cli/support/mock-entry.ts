/**
 * Runs the interactive mock the way `pyprep mock` will, for the tests, until the mock
 * command calls it: `node --import tsx mock-entry.ts '<flags as JSON>' [clock speed]`.
 * A speed above 1 runs the mock's clock that many times faster than real time.
 */
import { runMockSession } from "../../../src/cli/commands/mock-session.ts";
import { describeError } from "../../../src/cli/errors.ts";
import { installInterruptHandler } from "../../../src/cli/interrupt.ts";

const flags = JSON.parse(process.argv[2] ?? "{}");
const speed = Number(process.argv[3] ?? "1");
const start = Date.now();
installInterruptHandler();
runMockSession(flags, {
  now: () => new Date(start + (Date.now() - start) * speed),
}).catch((error: unknown) => {
  const { message, exitCode } = describeError(error);
  console.error(`pyprep: ${message}`);
  process.exitCode = exitCode;
});
