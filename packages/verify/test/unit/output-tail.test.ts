import { describe, expect, it } from "vitest";
import { normaliseTimings, outputTail } from "../../src/run/output-tail.js";
import { createRedactor } from "../../src/run/redact.js";

const none = { redact: (t: string) => t };

describe("output tail", () => {
  it("keeps short output exactly, non-ASCII included", () => {
    expect(outputTail("μ=0.5 ✓ 日本\n", none)).toBe("μ=0.5 ✓ 日本\n");
  });

  it("keeps at most 4 KB of UTF-8, never splitting a character, starting at a line", () => {
    const line = "日本語のログ行です ✓\n"; // multi-byte on purpose
    const tail = outputTail(line.repeat(2000) + "last line\n", none);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(4096);
    expect(tail.startsWith("[…]\n日本語")).toBe(true);
    expect(tail.endsWith("last line\n")).toBe(true);
    expect(tail).not.toContain("\uFFFD");
  });

  it("redacts before cutting, so a secret straddling the cut never leaks in part", () => {
    const secret = "CANARY-straddling-secret-value";
    const r = createRedactor({ MY_SECRET: secret });
    const raw = "x".repeat(4096 - 10) + secret + "\n" + "y".repeat(20);
    expect(outputTail(raw, { redact: r.text })).not.toMatch(/CANARY|secret-value|ret-value/);
  });

  it("drops colours and progress redraws, and turns CRLF into LF", () => {
    expect(outputTail("\x1b[32mok\x1b[0m\r\n10%\r50%\r100%\nend\r\n", none)).toBe(
      "ok\n100%\nend\n",
    );
  });

  it("replaces machine-specific paths and timings with placeholders", () => {
    const raw =
      "Built app @ file:///tmp/my%20proj\nfrom /tmp/my proj/src\njunit: /tmp/scratch-1/junit.xml\n";
    const out = outputTail(raw, {
      ...none,
      paths: [
        ["/tmp/my proj", "<project>"],
        ["/tmp/scratch-1", "<scratch>"],
      ],
    });
    expect(out).toBe(
      "Built app @ file://<project>\nfrom <project>/src\njunit: <scratch>/junit.xml\n",
    );
  });

  it.each([
    ["Resolved 8 packages in 3ms", "Resolved 8 packages in <duration>"],
    ["Audited 30 packages in 0.52ms", "Audited 30 packages in <duration>"],
    ["5 passed, 1 skipped in 1.23s", "5 passed, 1 skipped in <duration>"],
    ["12 passed in 83.45s (0:01:23)", "12 passed in <duration>"],
    ["μ=0.5 in 2 steps", "μ=0.5 in 2 steps"],
  ])("normalises timings: %s", (input, expected) => {
    expect(normaliseTimings(input)).toBe(expected);
  });
});
