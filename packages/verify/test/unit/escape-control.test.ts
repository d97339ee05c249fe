import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main, type CliIo } from "../../src/cli/cli-main.js";
import { escapeControl } from "../../src/cli/escape-control.js";
import { serializeReport } from "../../src/report/write-report.js";
import { envWith, nodeStep, testdir, writeProject } from "../helpers/project.js";
import { sampleReport } from "../helpers/report.js";

const ESC = "\u001b";
/** Anything a terminal would interpret: C0 except LF, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is what this test is about
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd,
    env: envWith([]),
    isTTY: true,
  };
  return { io: value, out: () => out.join(""), err: () => err.join("") };
}

describe("control characters on the console", () => {
  it("escapes C0, DEL, C1 and bidi controls, keeps line feeds and ordinary text", () => {
    expect(escapeControl(`a${ESC}[2K\r\tb\u007f\u009b\u202ec\n✓ é`)).toBe(
      "a\\x1b[2K\\x0d\\x09b\\x7f\\x9b\\u202ec\n✓ é",
    );
  });

  it("in step argv and error lines", async () => {
    const dir = await testdir();
    await writeProject(dir, {
      steps: [nodeStep("hide", "exit-code.mjs", ["1", `${ESC}[2K${ESC}[1Aharmless\u202e`])],
    });
    const run = io(dir);
    expect(await main([], run.io)).toBe(4);
    expect(run.err()).not.toMatch(UNSAFE);
    expect(run.err()).toContain("\\x1b[2K\\x1b[1Aharmless\\u202e");
    const missing = io(dir);
    expect(await main([`no${ESC}[8mwhere`], missing.io)).toBe(2);
    expect(missing.err()).not.toMatch(UNSAFE);
    expect(missing.err()).toContain("no\\x1b[8mwhere does not exist");
  });

  it("in compare labels", async () => {
    const dir = await testdir();
    const label = `acc${ESC}]0;owned\u0007`;
    await writeFile(path.join(dir, "a.json"), serializeReport(sampleReport()));
    await writeFile(
      path.join(dir, "b.json"),
      serializeReport(sampleReport((r) => (r.metrics = { ...r.metrics, [label]: 1 }))),
    );
    for (const json of [[], ["--json"]]) {
      const run = io(dir);
      expect(await main(["compare", "a.json", "b.json", ...json], run.io)).toBe(4);
      const table = json.length > 0 ? run.err() : run.out();
      expect(table).toContain("acc\\x1b]0;owned\\x07");
      expect(table).not.toMatch(UNSAFE);
    }
  });
});
