/**
 * A Pyodide run's standard streams, on the JavaScript side of file descriptors 0-2: stdin
 * is the job's input, stdout and stderr keep at most the output cap each, in bytes as the
 * program wrote them (`print`, `sys.stdout.buffer`, `os.write(1, ...)` all arrive here, in
 * order). A write past the cap fails with EFBIG, so the program stops there (with an OSError
 * the host then reports as the output limit); what it wrote beyond the cap is dropped.
 */
export class StreamCapture {
  private readonly out = new Stream();
  private readonly err = new Stream();
  private input = new Uint8Array(0);
  private position = 0;
  private cap = 0;
  private active = false;
  private overflowed = false;

  begin(stdin: string, capBytes: number): void {
    this.out.clear();
    this.err.clear();
    this.input = new TextEncoder().encode(stdin);
    this.position = 0;
    this.cap = capBytes;
    this.overflowed = false;
    this.active = true;
  }

  end(): void {
    this.active = false;
  }

  /** Emscripten's write handler: how many bytes it took (all of them, as far as it knows). */
  write(fd: 1 | 2, buffer: Uint8Array): number {
    if (!this.active) return buffer.length; // Pyodide itself, between runs
    const stream = fd === 1 ? this.out : this.err;
    if (stream.keep(buffer, this.cap)) return buffer.length;
    this.overflowed = true;
    // Pyodide turns an error with a known errno code into that errno, quietly: the write
    // raises OSError(EFBIG) in the program, at the moment it passes the cap. An interrupt
    // would arrive a few instructions later, possibly in the harness after the program ended.
    throw Object.assign(new Error("output limit reached"), { code: "EFBIG" });
  }

  /** Emscripten's read handler for fd 0: bytes copied into `buffer`, 0 at the end. */
  read(buffer: Uint8Array): number {
    if (!this.active) return 0;
    const chunk = this.input.subarray(this.position, this.position + buffer.length);
    buffer.set(chunk);
    this.position += chunk.length;
    return chunk.length;
  }

  texts(): { stdout: string; stderr: string; overflowed: boolean } {
    return {
      stdout: this.out.text(this.overflowed),
      stderr: this.err.text(this.overflowed),
      overflowed: this.overflowed,
    };
  }
}

/** One output stream's bytes, up to the cap. */
class Stream {
  private chunks: Uint8Array[] = [];
  private size = 0;

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }

  /** Keeps what fits under `cap`; false if the write went past it. */
  keep(buffer: Uint8Array, cap: number): boolean {
    const room = cap - this.size;
    const kept = buffer.length > room ? buffer.slice(0, Math.max(room, 0)) : buffer.slice();
    this.chunks.push(kept);
    this.size += kept.length;
    return buffer.length <= room;
  }

  /** The bytes as text; a cut stream may end inside a character, which is then dropped. */
  text(cut: boolean): string {
    const bytes = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return new TextDecoder("utf-8").decode(bytes, { stream: cut });
  }
}
