import path from "node:path";
import { describe, expect, it } from "vitest";
import { MlStarterError, safeJoin } from "../../src/index.js";

const FORBIDDEN = [
  "../x",
  "/tmp/x",
  "C:\\x",
  "C:x",
  "\\\\srv\\s\\x",
  "..\\x",
  "a/../../x",
  "a/..",
  "a\0b",
  "",
  "src/CON/x",
  "nul.txt",
];

describe("safeJoin", () => {
  it.each(FORBIDDEN)("refuses %j on POSIX", (rel) => {
    expect(() => safeJoin("/work/proj", rel, path.posix)).toThrowError(MlStarterError);
    try {
      safeJoin("/work/proj", rel, path.posix);
    } catch (error) {
      expect((error as MlStarterError).code).toBe("FORBIDDEN_PATH");
    }
  });

  it.each(FORBIDDEN)("refuses %j on Windows", (rel) => {
    expect(() => safeJoin("C:\\work\\proj", rel, path.win32)).toThrowError(/Refusing to write/);
  });

  it("joins ordinary relative paths inside the root", () => {
    expect(safeJoin("/work/proj", "src/pkg/__init__.py", path.posix)).toBe(
      "/work/proj/src/pkg/__init__.py",
    );
    expect(safeJoin("C:\\work\\proj", "src/pkg/cli.py", path.win32)).toBe(
      "C:\\work\\proj\\src\\pkg\\cli.py",
    );
    expect(safeJoin("/work/proj", ".github/workflows/verify.yml", path.posix)).toBe(
      "/work/proj/.github/workflows/verify.yml",
    );
  });
});
