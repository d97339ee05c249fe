import { FailureCode } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { EXIT_CODES, exitCodeFor, outcomeFor } from "../../src/report/exit-codes.js";
import { normaliseLineEndings, sha256Text } from "../../src/fingerprint/hash.js";
import { parsePipList } from "../../src/fingerprint/installed-packages.js";
import { compareVersions, parseVersion, satisfiesMin } from "../../src/fingerprint/version.js";
import { sortKeysDeep } from "../../src/report/sort-keys.js";
import { firstVersionLine } from "../../src/fingerprint/tools.js";

describe("exit codes", () => {
  it("maps every failure code, with 3 for environment, 4 for checks, 124 timeout, 130 interrupt", () => {
    expect(Object.keys(EXIT_CODES).sort()).toEqual([...FailureCode.options].sort());
    expect(EXIT_CODES.tool_missing).toBe(3);
    expect(EXIT_CODES.lock_out_of_date).toBe(4);
    expect(EXIT_CODES.step_timed_out).toBe(124);
    expect(EXIT_CODES.interrupted).toBe(130);
    expect(outcomeFor("tool_missing")).toBe("error");
    expect(outcomeFor("tests_failed")).toBe("failure");
    expect(exitCodeFor({ outcome: "success", failure: null })).toBe(0);
    expect(
      exitCodeFor({
        outcome: "failure",
        failure: { code: "margin_failed", step: null, message: "" },
      }),
    ).toBe(4);
  });
});

describe("hashing", () => {
  it("hashes CRLF and LF text identically", () => {
    expect(sha256Text("a\r\nb\rc\n")).toBe(sha256Text("a\nb\nc\n"));
    expect(normaliseLineEndings(Buffer.from("x\r\n")).toString()).toBe("x\n");
  });
});

describe("versions", () => {
  it("reads versions from --version lines and compares them", () => {
    expect(parseVersion("uv 0.13.8 (x86_64-unknown-linux-gnu)")).toEqual([0, 13, 8]);
    expect(parseVersion("git version 2.45.1.windows.1")).toEqual([2, 45, 1]);
    expect(compareVersions([0, 12, 9], [0, 13, 0])).toBeLessThan(0);
    expect(satisfiesMin("uv 0.13.0", "0.13.0")).toBe(true);
    expect(satisfiesMin("uv 0.12.5", "0.13.0")).toBe(false);
    expect(satisfiesMin("no version", "0.13.0")).toBe(false);
    expect(firstVersionLine("warning: x\nuv 0.13.8 (abc)\n")).toBe("uv 0.13.8 (abc)");
  });
});

describe("uv pip list parsing", () => {
  it("skips warning lines and normalises names", () => {
    const out =
      'warning: something\n[{"name":"Scikit_Learn","version":"1.9.1"},{"name":"numpy","version":"2.4.6","editable_project_location":"/x"}]\n';
    expect(parsePipList(out)).toEqual([
      { name: "numpy", version: "2.4.6" },
      { name: "scikit-learn", version: "1.9.1" },
    ]);
    expect(parsePipList("nothing")).toBeUndefined();
  });
});

describe("sortKeysDeep", () => {
  it("sorts keys at every depth and keeps array order", () => {
    const sorted = sortKeysDeep({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } });
    expect(JSON.stringify(sorted)).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
});
