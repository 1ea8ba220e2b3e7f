import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { childEnv, PYTHON_FLAGS } from "./process.ts";

export interface ForkRequest {
  /** Paths, all inside the job's private temp directory. */
  job: string;
  dir: string;
  stdin: string;
  stdout: string;
  stderr: string;
  result: string;
  env: Record<string, string>;
}

export interface ForkedJob {
  /** Resolves with the job process's pid as soon as it exists. */
  pid: Promise<number>;
  /** Resolves when the job process has written its result (or died trying). */
  done: Promise<void>;
}

/**
 * A warm CPython that forks one fresh process per job (pyprep_harness --fork-server). Forking
 * skips the interpreter's start-up and the imports most programs share, which is most of a
 * small program's cost, while each job still gets its own process, session and files.
 */
export class ForkServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<
    number,
    { pid: (pid: number) => void; done: () => void; fail: (e: Error) => void }
  >();
  private nextId = 1;
  private dead: Error | undefined;

  constructor(executable: string, harnessPath: string) {
    this.child = spawn(executable, [...PYTHON_FLAGS, harnessPath, "--fork-server"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: childEnv(),
    });
    this.child.unref();
    for (const stream of [this.child.stdout, this.child.stderr, this.child.stdin]) {
      (stream as unknown as { unref?: () => void }).unref?.();
    }
    createInterface({ input: this.child.stdout }).on("line", (line) => this.onEvent(line));
    this.child.stderr.resume();
    this.child.on("exit", (code, signal) =>
      this.fail(new Error(`the CPython fork server ended (exit ${code}, signal ${signal})`)),
    );
    this.child.on("error", (error) => this.fail(error));
    this.child.stdin.on("error", (error) => this.fail(error));
  }

  get alive(): boolean {
    return this.dead === undefined;
  }

  submit(request: ForkRequest): ForkedJob {
    const id = this.nextId++;
    const pid = deferred<number>();
    const done = deferred<void>();
    const handlers = {
      pid: pid.resolve,
      done: done.resolve,
      fail: (error: Error) => {
        pid.reject(error);
        done.reject(error);
      },
    };
    if (this.dead) handlers.fail(this.dead);
    else {
      this.waiting.set(id, handlers);
      this.child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    }
    return { pid: pid.promise, done: done.promise };
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill("SIGKILL");
  }

  private onEvent(line: string): void {
    let event: { id: number; pid?: number; done?: boolean };
    try {
      event = JSON.parse(line) as typeof event;
    } catch {
      return;
    }
    const handlers = this.waiting.get(event.id);
    if (!handlers) return;
    if (event.pid !== undefined) handlers.pid(event.pid);
    if (event.done) {
      handlers.done();
      this.waiting.delete(event.id);
    }
  }

  private fail(error: Error): void {
    this.dead ??= error;
    for (const handlers of this.waiting.values()) handlers.fail(error);
    this.waiting.clear();
  }
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // a caller that stopped waiting must not see an unhandled rejection
  return { promise, resolve, reject };
}
