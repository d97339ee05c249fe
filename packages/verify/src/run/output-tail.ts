import { pathToFileURL } from "node:url";

export const OUTPUT_TAIL_BYTES = 4096;
const OMITTED = "[…]\n";

export interface TailOptions {
  /** Applied before anything is cut, so a secret split by the cut can never leak in part. */
  redact: (text: string) => string;
  /** Absolute paths to replace by a placeholder (`<project>`, `<scratch>`): they differ between machines. */
  paths?: ReadonlyArray<readonly [path: string, placeholder: string]>;
  maxBytes?: number;
}

/**
 * The end of a step's output as kept in the report: terminal control removed (ANSI colours; `\r` progress
 * redraws keep their last state), CRLF → LF, secrets masked, machine-specific paths and timings replaced by
 * placeholders, then the last `maxBytes` bytes of UTF-8, cut at a line start when possible.
 */
export function outputTail(raw: string, options: TailOptions): string {
  let text = stripTerminalControl(raw);
  text = options.redact(text);
  text = replacePaths(text, options.paths ?? []);
  text = normaliseTimings(text);
  return tailBytes(text, options.maxBytes ?? OUTPUT_TAIL_BYTES);
}

/** `Resolved 8 packages in 3ms`, `5 passed in 0.52s (0:00:01)` → `… in <duration>`. */
export function normaliseTimings(text: string): string {
  return text.replace(
    /\bin \d+(?:\.\d+)?\s?(?:ms|µs|us|s)\b(?: \(\d+:\d{2}:\d{2}\))?/g,
    "in <duration>",
  );
}

// --- internal ---

function stripTerminalControl(text: string): string {
  const noAnsi = text
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, "")
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "");
  return noAnsi
    .split("\n")
    .map((line) => {
      const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
      const last = trimmed.lastIndexOf("\r");
      return last >= 0 ? trimmed.slice(last + 1) : trimmed;
    })
    .join("\n");
}

function replacePaths(text: string, paths: ReadonlyArray<readonly [string, string]>): string {
  const pairs: Array<[string, string]> = [];
  for (const [p, placeholder] of paths) {
    if (p.length < 2) continue;
    const variants = new Set([p, p.replace(/\\/g, "/")]);
    try {
      variants.add(pathToFileURL(p).href.replace(/^file:\/\//, ""));
    } catch {
      // not an absolute path on this platform: the plain forms are enough
    }
    for (const v of variants) pairs.push([v, placeholder]);
  }
  pairs.sort((a, b) => b[0].length - a[0].length);
  let out = text;
  for (const [from, to] of pairs) out = out.split(from).join(to);
  return out;
}

function tailBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(OMITTED);
  let start = bytes.length - budget;
  // Never start inside a multi-byte character (continuation bytes are 10xxxxxx).
  while (start < bytes.length && ((bytes[start] as number) & 0xc0) === 0x80) start++;
  let tail = bytes.subarray(start).toString("utf8");
  const newline = tail.indexOf("\n");
  if (newline >= 0 && newline < tail.length - 1) tail = tail.slice(newline + 1);
  return OMITTED + tail;
}
