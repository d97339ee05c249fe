/** How much of a command's output is kept: its end, enough for uv's error lines and the probes' JSON. */
export const OUTPUT_RING_BYTES = 4 * 1024 * 1024;

/**
 * The last `capacity` bytes of a stream of chunks. A step may print hundreds of MB and still pass: only the tail
 * is retained (memory stays bounded), the total is counted.
 */
export class OutputRing {
  readonly capacity: number;
  #chunks: Buffer[] = [];
  #retained = 0;
  #total = 0;

  constructor(capacity: number = OUTPUT_RING_BYTES) {
    this.capacity = capacity;
  }

  push(chunk: Buffer | string): void {
    const data = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    this.#total += data.length;
    // Copy only what can be kept: a single huge chunk never sits in the ring whole.
    const kept =
      data.length > this.capacity ? Buffer.from(data.subarray(data.length - this.capacity)) : data;
    this.#chunks.push(kept);
    this.#retained += kept.length;
    while (this.#retained > this.capacity) {
      const head = this.#chunks[0] as Buffer;
      const excess = this.#retained - this.capacity;
      if (head.length <= excess) {
        this.#chunks.shift();
        this.#retained -= head.length;
      } else {
        this.#chunks[0] = head.subarray(excess);
        this.#retained -= excess;
      }
    }
  }

  /** Bytes held now (never more than `capacity`). */
  get retainedBytes(): number {
    return this.#retained;
  }

  /** Bytes seen in all. */
  get totalBytes(): number {
    return this.#total;
  }

  /**
   * The retained tail as UTF-8. When something was dropped, the text starts at the next full line (never inside
   * a character or a line, so a secret cut by the ring's edge never shows in part) after a `[… N bytes]` marker.
   */
  text(): string {
    const bytes = Buffer.concat(this.#chunks);
    if (this.#total === this.#retained) return bytes.toString("utf8");
    const newline = bytes.indexOf(0x0a);
    let start = newline >= 0 && newline < bytes.length - 1 ? newline + 1 : 0;
    // No line break at all: at least never start inside a character (continuation bytes are 10xxxxxx).
    while (start === 0 && start < bytes.length && ((bytes[start] as number) & 0xc0) === 0x80)
      start++;
    const dropped = this.#total - bytes.length + start;
    return `[… ${dropped} bytes of earlier output omitted]\n${bytes.subarray(start).toString("utf8")}`;
  }
}
