import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../server/spawn-server.ts";

/**
 * What the fault suites need from the machine: a small filesystem to fill, and a
 * PostgreSQL of their own to restart. Each says why it is unavailable instead of failing,
 * and each is undone in `release`, also from an exit handler should the test die.
 */
const isRoot = process.getuid?.() === 0;
const cleanups = new Set<() => void>();
process.once("exit", () => {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // best effort on the way out
    }
  }
});

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export interface SmallDisk {
  dir: string;
  /** Remounts read-only (true) or read-write. */
  setReadOnly(readOnly: boolean): void;
  release(): void;
}

/** A tmpfs of `megabytes` (root only): a disk that really fills up. */
export function smallDisk(megabytes: number): SmallDisk | { unavailable: string } {
  if (!isRoot) return { unavailable: "mounting a tmpfs needs root" };
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-disk-"));
  try {
    run("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `cannot mount a tmpfs here: ${(error as Error).message.split("\n")[0]}` };
  }
  const release = () => {
    cleanups.delete(release);
    try {
      run("umount", ["-l", dir]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  cleanups.add(release);
  return {
    dir,
    setReadOnly: (readOnly) => {
      run("mount", ["-o", `remount,${readOnly ? "ro" : "rw"}`, dir]);
    },
    release,
  };
}

export interface Cluster {
  url: string;
  /** `pg_ctl restart -m fast`: every connection is dropped; resolves when it accepts again. */
  restart(): Promise<number>;
  release(): void;
}

function postgresBin(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

/**
 * A PostgreSQL cluster of our own in a temp folder on a free port, so restarting it
 * under load disturbs nobody else using the machine's main cluster.
 */
export async function throwawayCluster(): Promise<Cluster | { unavailable: string }> {
  const bin = postgresBin();
  if (!bin) return { unavailable: "no PostgreSQL binaries under /usr/lib/postgresql" };
  const dir = mkdtempSync(path.join(tmpdir(), "pyprep-pg-"));
  const data = path.join(dir, "data");
  mkdirSync(data);
  const port = await freePort();
  // initdb refuses to run as root: the cluster belongs to the postgres user then.
  const command = (args: string[]): [string, string[]] => {
    if (!isRoot) return [args[0] as string, args.slice(1)];
    const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
    return ["su", ["postgres", "-s", "/bin/sh", "-c", quoted]];
  };
  const as = (args: string[]) => run(...command(args));
  const pgCtl = (...args: string[]) => as([path.join(bin, "pg_ctl"), "-D", data, ...args]);
  try {
    if (isRoot) {
      const uid = Number(run("id", ["-u", "postgres"]).trim());
      const gid = Number(run("id", ["-g", "postgres"]).trim());
      chownSync(dir, uid, gid);
      chownSync(data, uid, gid);
    }
    as([
      path.join(bin, "initdb"),
      "-D",
      data,
      "-U",
      "pyprep",
      "--auth=trust",
      "--no-sync",
      "-E",
      "UTF8",
    ]);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    pgCtl("-l", path.join(dir, "log"), "-o", options, "-w", "-t", "60", "start");
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return {
      unavailable: `cannot start a throwaway cluster: ${(error as Error).message.split("\n")[0]}`,
    };
  }
  const release = () => {
    cleanups.delete(release);
    try {
      pgCtl("-m", "immediate", "-w", "stop");
    } catch {
      // already down
    }
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.add(release);
  return {
    url: `postgres://pyprep@127.0.0.1:${port}/postgres`,
    async restart() {
      const started = Date.now();
      // Asynchronous, so the load in this process keeps running through the restart.
      const args = [path.join(bin, "pg_ctl"), "-D", data, "-l", path.join(dir, "log")];
      await promisify(execFile)(...command([...args, "-m", "fast", "-w", "-t", "60", "restart"]));
      return Date.now() - started;
    },
    release,
  };
}
