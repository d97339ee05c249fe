import { describe, expect, it } from "vitest";
import { buildChildEnv, FIXED_ENV } from "../../src/run/fixed-env.js";

describe("child environment", () => {
  it("collapses duplicate spellings that a spread of process.env can produce on win32", () => {
    const env = buildChildEnv({ Path: "a", PATH: "b", path: "c" }, "win32");
    expect(Object.keys(env).filter((k) => k.toUpperCase() === "PATH")).toHaveLength(1);
  });

  it("fixes determinism variables and drops UV_FROZEN and VIRTUAL_ENV", () => {
    const env = buildChildEnv(
      { UV_FROZEN: "1", VIRTUAL_ENV: "/elsewhere", PYTHONHASHSEED: "random", PATH: "/bin" },
      "linux",
    );
    expect(env).toMatchObject(FIXED_ENV);
    expect(env["UV_LOCKED"]).toBe("1");
    expect(env).not.toHaveProperty("UV_FROZEN");
    expect(env).not.toHaveProperty("VIRTUAL_ENV");
    expect(env["PATH"]).toBe("/bin");
  });

  it("drops uv_frozen whatever its case on win32", () => {
    const env = buildChildEnv({ uv_frozen: "1", Path: "C:\\x" }, "win32");
    expect(Object.keys(env).some((k) => k.toUpperCase() === "UV_FROZEN")).toBe(false);
    expect(env["UV_LOCKED"]).toBe("1");
  });
});
