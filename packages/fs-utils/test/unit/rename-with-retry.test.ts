import { describe, expect, it, vi } from "vitest";
import { renameWithRetry } from "../../src/rename-with-retry.js";

const eperm = () => Object.assign(new Error("EPERM: operation not permitted"), { code: "EPERM" });

describe("renameWithRetry", () => {
  it("retries EPERM on Windows until the rename succeeds", async () => {
    let calls = 0;
    const rename = vi.fn(() => {
      calls += 1;
      return calls <= 3 ? Promise.reject(eperm()) : Promise.resolve();
    });
    await renameWithRetry("a", "b", { platform: "win32", rename, delayMs: 1 });
    expect(rename).toHaveBeenCalledTimes(4);
  });

  it("gives up after the retry budget", async () => {
    const rename = vi.fn(() => Promise.reject(eperm()));
    await expect(
      renameWithRetry("a", "b", { platform: "win32", rename, delayMs: 1, attempts: 5 }),
    ).rejects.toThrow(/EPERM/);
    expect(rename).toHaveBeenCalledTimes(5);
  });

  it("does not retry on POSIX", async () => {
    const rename = vi.fn(() => Promise.reject(eperm()));
    await expect(
      renameWithRetry("a", "b", { platform: "linux", rename, delayMs: 1 }),
    ).rejects.toThrow(/EPERM/);
    expect(rename).toHaveBeenCalledTimes(1);
  });
});
