import { describe, expect, it } from "vitest";
import { sortLockPackages } from "../../src/index.js";

const lock = (names: string[]) =>
  `version = 1\nrevision = 3\nrequires-python = ">=3.11"\n${names
    .map(
      (n) =>
        `\n[[package]]\nname = "${n}"\nversion = "1.0"\n\n[package.metadata]\nrequires-dist = []\n`,
    )
    .join("")}`;

describe("sortLockPackages", () => {
  it("moves the project's table to its sorted place, byte-identical to a sorted lock", () => {
    expect(sortLockPackages(lock(["numpy", "pandas", "aaa-first"]))).toBe(
      lock(["aaa-first", "numpy", "pandas"]),
    );
    expect(sortLockPackages(lock(["zz-last", "numpy", "pandas"]))).toBe(
      lock(["numpy", "pandas", "zz-last"]),
    );
  });

  it("leaves a sorted lock and a lock without packages unchanged", () => {
    expect(sortLockPackages(lock(["a", "b", "c"]))).toBe(lock(["a", "b", "c"]));
    expect(sortLockPackages("version = 1\n")).toBe("version = 1\n");
  });
});
