import { describe, expect, it } from "vitest";
import { supervise } from "../../src/server/supervise.ts";

const node = (code: string) => ({ command: process.execPath, args: ["-e", code] });

describe("supervising the server: what a crashed process cannot say, its parent logs", () => {
  it("logs a SIGBUS with the database and what it means, and exits 128 + 7", async () => {
    const lines: string[] = [];
    const status = await supervise({
      ...node("process.kill(process.pid, 'SIGBUS')"),
      write: (line) => lines.push(line),
      database: "/data/pyprep.sqlite",
    });
    expect(status).toBe(135);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({
      level: 60,
      msg: "the server was killed by SIGBUS",
      signal: "SIGBUS",
      database: "/data/pyprep.sqlite",
    });
    expect(entry.hint).toMatch(/disk is probably full|truncated/);
  });

  it("passes an ordinary exit status through and logs nothing", async () => {
    const lines: string[] = [];
    expect(await supervise({ ...node("process.exit(3)"), write: (l) => lines.push(l) })).toBe(3);
    expect(lines).toEqual([]);
  });

  it("marks the child as supervised, so it serves instead of supervising again", async () => {
    const status = await supervise({
      ...node("process.exit(process.env.PYPREP_SUPERVISED === '1' ? 0 : 1)"),
      write: () => undefined,
    });
    expect(status).toBe(0);
  });
});
