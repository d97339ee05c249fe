import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveTool } from "../../src/resolve-tool.js";

const files = (...list: string[]) => {
  const set = new Set(list.map((f) => f.toLowerCase()));
  return (file: string) => set.has(file.toLowerCase());
};

describe("resolveTool", () => {
  it("finds uv.exe through PATH and PATHEXT on win32", () => {
    const found = resolveTool("uv", {
      platform: "win32",
      env: { Path: "C:\\Windows;C:\\Users\\me\\.local\\bin", PATHEXT: ".COM;.EXE;.BAT;.CMD" },
      isExecutable: files("C:\\Users\\me\\.local\\bin\\uv.exe"),
    });
    // Windows file names are case-insensitive; the extension comes back as PATHEXT spells it.
    expect(found?.toLowerCase()).toBe(
      path.win32.join("C:\\Users\\me\\.local\\bin", "uv.exe").toLowerCase(),
    );
  });

  it("prefers PATHEXT order within a directory and PATH order across directories", () => {
    const isExecutable = files("C:\\a\\tool.cmd", "C:\\a\\tool.exe", "C:\\b\\tool.com");
    const env = { PATH: "C:\\a;C:\\b", PATHEXT: ".EXE;.CMD" };
    expect(resolveTool("tool", { platform: "win32", env, isExecutable })).toBe("C:\\a\\tool.EXE");
  });

  it("uses a default PATHEXT and strips quotes around PATH entries", () => {
    const found = resolveTool("git", {
      platform: "win32",
      env: { PATH: '"C:\\Program Files\\Git\\cmd"' },
      isExecutable: files("C:\\Program Files\\Git\\cmd\\git.exe"),
    });
    expect(found).toBe("C:\\Program Files\\Git\\cmd\\git.EXE");
  });

  it("returns undefined for a missing tool on win32 (where execa would not say ENOENT)", () => {
    expect(
      resolveTool("uv", {
        platform: "win32",
        env: { PATH: "C:\\Windows" },
        isExecutable: () => false,
      }),
    ).toBeUndefined();
  });

  it("looks names up as given on POSIX", () => {
    const isExecutable = files("/usr/local/bin/uv");
    expect(
      resolveTool("uv", {
        platform: "linux",
        env: { PATH: "/usr/bin:/usr/local/bin" },
        isExecutable,
      }),
    ).toBe("/usr/local/bin/uv");
    expect(
      resolveTool("uv", { platform: "linux", env: { PATH: "" }, isExecutable }),
    ).toBeUndefined();
  });

  it("finds the real node on this machine", () => {
    expect(
      resolveTool("node", {
        env: { PATH: path.dirname(process.execPath), PATHEXT: process.env["PATHEXT"] },
      }),
    ).toBeDefined();
  });
});
