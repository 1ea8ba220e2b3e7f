/**
 * `pyprep serve` alone: the entry `build-server.mjs` bundles into plain JavaScript, so a
 * server started for real (`npm start`, the API benchmark) runs without the TypeScript
 * loader, and without loading the rest of the CLI (checker, exports, terminal study).
 */
import { Command } from "commander";
import { registerServe } from "../cli/commands/serve.ts";

const program = new Command().name("pyprep");
registerServe(program);
await program.parseAsync(process.argv);
