import { describe, expect, it } from "vitest";
import { getEnv, mergeEnv } from "../../src/env.js";

describe("environment keys", () => {
  it("has exactly one PATH-like key on win32, keeping the spelling in use", () => {
    const base = { Path: "C:\\Windows", PATHEXT: ".EXE", Other: "1" };
    const env = mergeEnv(base, { PATH: "C:\\tools;C:\\Windows" }, "win32");
    expect(Object.keys(env).filter((k) => k.toUpperCase() === "PATH")).toEqual(["Path"]);
    expect(env["Path"]).toBe("C:\\tools;C:\\Windows");
    expect(getEnv(env, "path", "win32")).toBe("C:\\tools;C:\\Windows");
  });

  it("keeps case-distinct keys apart on POSIX", () => {
    const env = mergeEnv({ Path: "a" }, { PATH: "b" }, "linux");
    expect(env).toMatchObject({ Path: "a", PATH: "b" });
    expect(getEnv(env, "path", "linux")).toBeUndefined();
  });

  it("removes a key whose override is undefined, whatever its case on win32", () => {
    expect(mergeEnv({ Uv_Frozen: "1", A: "x" }, { UV_FROZEN: undefined }, "win32")).toEqual({
      A: "x",
    });
  });
});
