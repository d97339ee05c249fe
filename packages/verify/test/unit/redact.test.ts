import { describe, expect, it } from "vitest";
import { createRedactor, isSecretName, REDACTED, redactVariables } from "../../src/run/redact.js";

const env = {
  KAGGLE_KEY: "CANARY-kaggle-key-0001",
  KAGGLE_API_TOKEN: "CANARY-kaggle-token-0002",
  GITHUB_TOKEN: "CANARY-github-0003",
  MY_SECRET: "CANARY-secret-0004",
  FOO_PASSWORD: "CANARY-password-0005",
  AWS_REGION_X: "CANARY-aws-0006",
  UV_INDEX_URL: "https://u:CANARY-url-0007@host.example/simple",
  SHORT_TOKEN: "abc",
  HOME: "/home/someone",
};

describe("redaction", () => {
  it.each([
    ["KAGGLE_KEY", true],
    ["KAGGLE_API_TOKEN", true],
    ["GITHUB_TOKEN", true],
    ["GH_TOKEN", true],
    ["HF_TOKEN", true],
    ["AWS_ACCESS_KEY_ID", true],
    ["AWS_DEFAULT_REGION", true],
    ["UV_INDEX_PRIVATE_PASSWORD", true],
    ["my_db_passwd", true],
    ["SESSION_COOKIE", true],
    ["PATH", false],
    ["UV_INDEX_URL", false],
    ["PYTHONHASHSEED", false],
  ])("%s is a secret name: %s", (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });

  it("masks every secret value and URL credentials in text, longest first", () => {
    const r = createRedactor(env);
    const text = Object.values(env).join(" | ") + " CANARY-kaggle-key-0001-and-more";
    const out = r.text(text);
    expect(out).not.toContain("CANARY");
    expect(out).toContain("https://***@host.example/simple");
    expect(out).toContain(`${REDACTED}-and-more`);
    expect(out).not.toContain("abc"); // short, but from a secret-named variable: masked as a whole token
    expect(out).toContain("/home/someone");
  });

  it("masks percent-encoded and JSON-escaped forms of a secret", () => {
    const r = createRedactor({ API_TOKEN: 'p@ss/wo"rd-123' });
    expect(r.text(`url=https://h/?t=${encodeURIComponent('p@ss/wo"rd-123')}`)).not.toContain(
      "wo%22rd",
    );
    expect(r.text(JSON.stringify({ t: 'p@ss/wo"rd-123' }))).not.toContain("rd-123");
  });

  it("strips credentials from any URL, even without a known secret", () => {
    const r = createRedactor({});
    expect(
      r.text("fetch git+https://user:hunter2@git.example/x.git and https://example.org/a@b"),
    ).toBe("fetch git+https://***@git.example/x.git and https://example.org/a@b");
  });

  it("redacts every string inside a report-like value, keys kept", () => {
    const r = createRedactor(env);
    const out = r.deep({
      a: ["CANARY-secret-0004"],
      b: { c: "x CANARY-github-0003 y", n: 1, z: null },
    });
    expect(out).toEqual({ a: [REDACTED], b: { c: `x ${REDACTED} y`, n: 1, z: null } });
  });

  it("records secret-named variables as present only", () => {
    const r = createRedactor(env);
    const vars = redactVariables(
      { KAGGLE_API_TOKEN: env.KAGGLE_API_TOKEN, UV_INDEX_URL: env.UV_INDEX_URL },
      r,
    );
    expect(vars).toEqual({
      KAGGLE_API_TOKEN: REDACTED,
      UV_INDEX_URL: "https://host.example",
    });
  });
});
