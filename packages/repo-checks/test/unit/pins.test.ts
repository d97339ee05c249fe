// reliability.md §2 and §8 check 29: every `uses:` is a full commit SHA with a `# vX.Y.Z` comment, in the
// monorepo's workflows and in the workflow every generated project gets.
import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, toPosix } from "../lib/paths.js";
import { findUses, formatProblems, pinProblem, pinProblems, type UsesRef } from "../lib/pins.js";
import { VERIFIED_PINS } from "../lib/verified-pins.js";
import { monorepoWorkflowFiles, templateWorkflowFiles } from "../lib/workflows.js";

const CHECKOUT = "actions/checkout@8e8c483db84b4bee98b60c0593521ed34d9990e8";

const BAD_SAMPLE = `
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@main
      - uses: actions/cache@1bd1e32 # v4.2.0
      - uses: ${CHECKOUT}
      - uses: ${CHECKOUT} # v6
      - { uses: "actions/upload-artifact@v7", with: { name: x } }
      - uses: docker://alpine:3.20
      - uses: actions/checkout
  reuse:
    uses: org/repo/.github/workflows/reuse.yml@main
`;

const GOOD_SAMPLE = `
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: ${CHECKOUT} # v6.0.1
      - name: flow style
        uses: "${CHECKOUT}"   # v6.0.1
      - uses: ./.github/actions/local
      - uses: docker://alpine@sha256:${"a".repeat(64)}
  reuse:
    uses: org/repo/.github/workflows/reuse.yml@${"b".repeat(40)} # v1.2.3
`;

function repoRefs(): UsesRef[] {
  return [...monorepoWorkflowFiles(), ...templateWorkflowFiles()].flatMap((file) =>
    findUses(readFileSync(file, "utf8"), toPosix(path.relative(REPO_ROOT, file))),
  );
}

describe("the pin parser", () => {
  it("finds every uses: (steps, flow mappings, reusable workflows) with its line and comment", () => {
    const refs = findUses(GOOD_SAMPLE, "good.yml");
    expect(refs.map((r) => [r.line, r.value, r.comment])).toEqual([
      [7, CHECKOUT, "v6.0.1"],
      [9, CHECKOUT, "v6.0.1"],
      [10, "./.github/actions/local", undefined],
      [11, `docker://alpine@sha256:${"a".repeat(64)}`, undefined],
      [13, `org/repo/.github/workflows/reuse.yml@${"b".repeat(40)}`, "v1.2.3"],
    ]);
    expect(pinProblems(refs)).toEqual([]);
  });

  it("fails on @v4, branches, short SHAs, missing or vague comments and tag-pinned images", () => {
    const refs = findUses(BAD_SAMPLE, "bad.yml");
    const problems = refs.map((r) => [r.value, pinProblem(r)]);
    expect(problems).toEqual([
      ["actions/checkout@v4", expect.stringContaining("not a full 40-hex commit SHA")],
      ["actions/setup-node@main", expect.stringContaining("not a full 40-hex commit SHA")],
      ["actions/cache@1bd1e32", expect.stringContaining("not a full 40-hex commit SHA")],
      [CHECKOUT, expect.stringContaining("no `# vX.Y.Z` comment")],
      [CHECKOUT, expect.stringContaining('"# v6" is not an exact release')],
      ["actions/upload-artifact@v7", expect.stringContaining("not a full 40-hex commit SHA")],
      ["docker://alpine:3.20", expect.stringContaining("not pinned by @sha256")],
      ["actions/checkout", expect.stringContaining("no @ref")],
      [
        "org/repo/.github/workflows/reuse.yml@main",
        expect.stringContaining("not a full 40-hex commit SHA"),
      ],
    ]);
  });

  it("fails when one action is pinned to two SHAs or one SHA carries two versions", () => {
    const text = `jobs:
  a:
    steps:
      - uses: ${CHECKOUT} # v6.0.1
      - uses: actions/checkout@${"c".repeat(40)} # v6.0.1
      - uses: actions/setup-node@${"d".repeat(40)} # v7.0.0
      - uses: actions/setup-node@${"d".repeat(40)} # v7.0.1
`;
    const problems = pinProblems(findUses(text, "mixed.yml")).map((p) => p.problem);
    expect(problems).toEqual([
      expect.stringContaining("pinned to 2 different SHAs"),
      expect.stringContaining("one SHA with different comments: v7.0.0 / v7.0.1"),
    ]);
  });
});

describe("our workflows", () => {
  const refs = repoRefs();

  it("reference at least checkout, setup-uv and the artifact actions", () => {
    const actions = new Set(refs.map((r) => r.value.split("@")[0]));
    for (const a of [
      "actions/checkout",
      "astral-sh/setup-uv",
      "actions/upload-artifact",
      "actions/download-artifact",
    ]) {
      expect(actions).toContain(a);
    }
  });

  it("pin every uses: by full commit SHA with a # vX.Y.Z comment", () => {
    const problems = pinProblems(refs);
    expect(problems, formatProblems(problems)).toEqual([]);
  });

  it("use only the verified pins (SHA and release as recorded with their evidence)", () => {
    const unverified = refs
      .filter((r) => !r.value.startsWith("./"))
      .filter((r) => {
        const [action, sha] = r.value.split("@");
        const pin = VERIFIED_PINS[action ?? ""];
        return !pin || pin.sha !== sha || pin.version !== r.comment;
      })
      .map((r) => `${r.file}:${r.line} ${r.value} # ${r.comment ?? ""}`);
    expect(unverified, "add the pin with its evidence to test/lib/verified-pins.ts first").toEqual(
      [],
    );
  });

  it("leave no verified pin unused (the table stays the list of what we run)", () => {
    const used = new Set(refs.map((r) => r.value.split("@")[0]));
    expect(Object.keys(VERIFIED_PINS).filter((a) => !used.has(a))).toEqual([]);
  });
});
