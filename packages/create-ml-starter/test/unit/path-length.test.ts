import { describe, expect, it } from "vitest";
import type { MlStarterError } from "../../src/index.js";
import { checkPathLength } from "../../src/core/inputs/path-length.js";

describe("checkPathLength", () => {
  const outputs = ["src/pkg/__init__.py"];

  it("refuses a deep target on Windows before anything is written", () => {
    const deep = "C:\\Users\\someone\\" + "very-long-folder-name\\".repeat(6) + "proj";
    expect(() => checkPathLength(deep, outputs, "win32")).toThrowError(/too deep for Windows/);
    try {
      checkPathLength(deep, outputs, "win32");
    } catch (error) {
      expect((error as MlStarterError).code).toBe("PATH_TOO_LONG");
      expect((error as MlStarterError).hint).toMatch(/LongPathsEnabled/);
    }
  });

  it("accepts a short Windows target", () => {
    expect(() => checkPathLength("C:\\src\\titanic-starter", outputs, "win32")).not.toThrow();
  });

  it("does not apply elsewhere", () => {
    expect(() => checkPathLength("/" + "x/".repeat(200) + "proj", outputs, "linux")).not.toThrow();
  });
});
