import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkDescription,
  checkProjectName,
  deriveNames,
  MlStarterError,
  suggestProjectName,
} from "../../src/index.js";

describe("checkProjectName", () => {
  it.each([
    ["", "empty"],
    [" ", "empty"],
    [".", "'.' and '..'"],
    ["..", "'.' and '..'"],
    [".hidden", "starts and ends with a letter or digit"],
    ["a/b", "path separator"],
    ["a\\b", "path separator"],
    ["-x", "starts and ends with a letter or digit"],
    ["_x", "starts and ends with a letter or digit"],
    ["CON", "reserved device name"],
    ["nul", "reserved device name"],
    ["Com1", "reserved device name"],
    ["aux.txt", "reserved device name"],
    ["name.", "trailing dot"],
    ["name ", "starts or ends with a space"],
    ["node_modules", "reserved name"],
    ["favicon.ico", "reserved name"],
    ["my:proj", "Windows forbids"],
    ["a\nb", "control character"],
    ["a\0b", "control character"],
    ["a".repeat(215), "longer than 214"],
    ["проект", "ASCII letters"],
    ["MyProj", "lower case"],
    ["my proj", "ASCII letters"],
    ["class", "Python keyword"],
    ["1st", "start with a digit"],
    ["test", "standard library"],
    ["random", "standard library"],
    ["math", "standard library"],
    ["code", "standard library"],
    ["pandas", "shadow a dependency"],
    ["lightgbm", "shadow a dependency"],
    ["kaggle", "shadow a dependency"],
    ["torch", "shadow a dependency"],
    ["scikit-learn", "shadow a dependency"],
  ])("rejects %j (%s)", (name, rule) => {
    const check = checkProjectName(name);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.rule).toContain(rule);
      expect(checkProjectName(check.suggestion).ok).toBe(true);
    }
  });

  it.each([
    ["titanic-starter", "titanic-starter", "titanic_starter"],
    ["my.proj_v2", "my-proj-v2", "my_proj_v2"],
    ["a--b__c..d", "a-b-c-d", "a_b_c_d"],
    ["x", "x", "x"],
    ["h-and-m", "h-and-m", "h_and_m"],
  ])("derives names from %j", (raw, distName, importName) => {
    expect(deriveNames(raw)).toEqual({ projectName: raw, distName, importName });
  });

  it("throws a typed INVALID_NAME error naming the rule and a fix", () => {
    const error = (() => {
      try {
        deriveNames("class");
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).code).toBe("INVALID_NAME");
    expect((error as MlStarterError).exitCode).toBe(2);
    expect((error as MlStarterError).message).toMatch(/Python keyword/);
    expect((error as MlStarterError).hint).toBe('try "class-project"');
  });

  it("always suggests a valid name, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (raw) => {
        expect(checkProjectName(suggestProjectName(raw)).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("normalises like PEP 503 for every accepted name", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,30}[a-z0-9]$/), (raw) => {
        const check = checkProjectName(raw);
        if (!check.ok) return;
        expect(check.names.distName).toBe(raw.replace(/[-_.]+/g, "-").toLowerCase());
        expect(check.names.importName).toMatch(/^[a-z_][a-z0-9_]*$/);
      }),
    );
  });
});

describe("checkDescription", () => {
  it("accepts any one line of printable text, metacharacters included", () => {
    const text = `He said "hi" \\ {{x}} \${{ y }} $(rm -rf /) 'q' # [toml] key: yaml é ✓`;
    expect(checkDescription(text)).toBe(text);
  });

  it.each([
    ["", "empty"],
    ["two\nlines", "control character or line break"],
    ["tab\there", "control character"],
    ["nul\u0000", "control character"],
    ["C1 \u0085 next line", "control character"],
    ["looks safe \u202egnp.exe", "bidi controls"],
    ["isolate \u2066x\u2069", "bidi"],
    ["mark \u200f", "bidi"],
    ["x".repeat(201), "longer than 200"],
  ])("refuses %j (%s)", (text, rule) => {
    expect(() => checkDescription(text)).toThrowError(rule);
  });
});
