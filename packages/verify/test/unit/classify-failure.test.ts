import { describe, expect, it } from "vitest";
import { classifyFailure, keyErrorLine } from "../../src/run/classify-failure.js";

const uv = (output: string, extra: Partial<Parameters<typeof classifyFailure>[0]> = {}) =>
  classifyFailure({
    role: "sync",
    tool: "uv",
    exitCode: 1,
    timedOut: false,
    interrupted: false,
    output,
    ...extra,
  });

describe("classifyFailure", () => {
  it.each([
    [
      "error: The lockfile at `uv.lock` needs to be updated, but `--locked` was provided.",
      "lock_out_of_date",
    ],
    [
      "error: The lockfile at `uv.lock` needs to be updated, but `--check` was provided.",
      "lock_out_of_date",
    ],
    ["error: Unable to find lockfile at `uv.lock`, but `--locked` was provided.", "lock_missing"],
    [
      "error: Required uv version `==0.12.*` does not match the running version `0.13.8`",
      "uv_version_mismatch",
    ],
    [
      "error: Failed to download `x`\n  cause: Network connectivity is disabled, but the requested data wasn't found in the cache",
      "network_unavailable",
    ],
    [
      "error: Failed to fetch\n  Caused by: Could not connect, are you offline?",
      "network_unavailable",
    ],
    [
      "error: Request failed after 3 retries\n  cause: dns error: failed to lookup address information",
      "network_unavailable",
    ],
    ["error: Failed to parse `uv.lock`\n  Caused by: unsupported lock version", "lock_unreadable"],
    ["error: something else", "step_failed"],
  ])("%s → %s", (output, code) => {
    expect(uv(output)).toBe(code);
  });

  it("puts timeouts and interrupts first", () => {
    expect(uv("error: Unable to find lockfile", { timedOut: true })).toBe("step_timed_out");
    expect(uv("", { interrupted: true, timedOut: true })).toBe("interrupted");
  });

  it("reads uv's messages only from uv's own diagnostic lines and only for uv", () => {
    expect(uv("my program printed: needs to be updated, but `--locked` was provided")).toBe(
      "step_failed",
    );
    expect(uv("error: Unable to find lockfile", { tool: "python" })).toBe("step_failed");
    expect(uv("error: Unable to find lockfile", { tool: "C:\\tools\\uv.exe" })).toBe(
      "lock_missing",
    );
  });

  it("calls a failing pytest run tests_failed", () => {
    expect(uv("E   Could not connect", { role: "test", failedTests: 2 })).toBe("tests_failed");
    expect(uv("1 failed", { role: "test", exitCode: 1 })).toBe("tests_failed");
    expect(uv("no tests ran", { role: "test", exitCode: 5 })).toBe("step_failed");
  });

  it("picks uv's most telling line for the message", () => {
    expect(
      keyErrorLine(
        "Resolved\nerror: Failed to download\n  cause: Network connectivity is disabled",
      ),
    ).toBe("cause: Network connectivity is disabled");
    expect(keyErrorLine("error: boom")).toBe("error: boom");
  });
});
