import { createHash } from "node:crypto";

/** sha256 (hex) of the bytes as they are: for generated artefacts, whose line endings are part of the result. */
export function sha256Bytes(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** CRLF and lone CR → LF, byte-wise (no decoding, so invalid UTF-8 survives unchanged). */
export function normaliseLineEndings(data: Uint8Array): Buffer {
  const out = Buffer.alloc(data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] as number;
    if (byte === 0x0d) {
      out[n++] = 0x0a;
      if (data[i + 1] === 0x0a) i++;
    } else {
      out[n++] = byte;
    }
  }
  return out.subarray(0, n);
}

/** sha256 of LF-normalised text, so a CRLF checkout on Windows hashes like Linux. */
export function sha256Text(data: Uint8Array | string): string {
  return sha256Bytes(
    normaliseLineEndings(typeof data === "string" ? Buffer.from(data, "utf8") : data),
  );
}
