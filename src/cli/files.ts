import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CliError } from "./errors.ts";

/**
 * Writes `data` to `file` through a temp file in the same folder and a rename, so a
 * crash or Ctrl-C never leaves half a file; an existing file is replaced only with
 * `overwrite`. `-` is stdout.
 */
export async function writeOutput(
  file: string,
  data: string | Uint8Array,
  options: { overwrite?: boolean } = {},
): Promise<void> {
  if (file === "-") {
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(data, (error) => (error ? reject(error) : resolve())),
    );
    return;
  }
  if (!options.overwrite && existsSync(file)) {
    throw new CliError(`${file} already exists (pass --force to replace it)`);
  }
  const dir = path.dirname(path.resolve(file));
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A file's text (`-` is stdin); a missing or unreadable file is one clear line. */
export async function readInput(file: string): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    // Reading a folder fails on the descriptor, without the path; the message needs it.
    const failure = error as NodeJS.ErrnoException;
    failure.path ??= file;
    throw failure;
  }
}
