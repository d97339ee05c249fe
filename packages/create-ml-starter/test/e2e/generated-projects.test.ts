// The whole user journey, per archetype: the built CLI in a temp dir with spaces, then uv, pytest and the
// baseline inside the generated project, and the documented margins on metrics.json.
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { MetricsFileSchema, VerifyReportSchema, flattenMetrics } from "@ml-starter/schema";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegistry } from "../../src/index.js";
import { BUILT_TEMPLATES, run, runBuiltCli, runBuiltVerify } from "../built-cli.js";

const registry = await loadRegistry(BUILT_TEMPLATES);

let tmp: TempDir;
let gitConfig: string;
beforeAll(async () => {
  tmp = await tempDirWithSpaces("e2e projects");
  // A throwaway git identity, so the first commit is made exactly as on a configured machine.
  gitConfig = path.join(tmp.path, "gitconfig");
  await writeFile(
    gitConfig,
    "[user]\n\tname = E2E Test\n\temail = e2e@example.com\n[init]\n\tdefaultBranch = main\n",
  );
});
afterAll(async () => tmp.cleanup());

describe.each(registry.map((a) => a.manifest))("$id project from the built CLI", (manifest) => {
  it("generates, installs from the lock, passes its tests and beats the naive baseline by the documented margin", async () => {
    const target = path.join(tmp.path, "my dir", manifest.defaultProjectName);
    const env = { GIT_CONFIG_GLOBAL: gitConfig };
    const created = await runBuiltCli([target, "--archetype", manifest.id, "--no-interactive"], {
      env,
    });
    expect(created.exitCode, created.all).toBe(0);
    expect(created.stdout).toContain(`Created ${manifest.title} starter`);
    expect(created.stdout).toContain("installed the locked environment");
    expect(created.stdout).toContain("one commit");

    const log = await run("git", ["log", "--oneline"], { cwd: target, env });
    expect(log.stdout).toMatch(/Initial commit from create-ml-starter/);
    const status = await run("git", ["status", "--porcelain"], { cwd: target, env });
    expect(status.stdout, "uv sync must not dirty the committed tree").toBe("");

    const importName = manifest.defaultProjectName.replace(/[-_.]+/g, "_");
    for (const args of [
      ["sync", "--locked"],
      ["run", "--locked", "pytest", "-q", "-p", "no:cacheprovider"],
      ["run", "--locked", importName, "train"],
    ]) {
      const result = await run("uv", args, { cwd: target });
      expect(result.exitCode, `uv ${args.join(" ")}\n${result.all}`).toBe(0);
    }

    const metrics = flattenMetrics(
      MetricsFileSchema.parse(
        JSON.parse(await readFile(path.join(target, "outputs", "metrics.json"), "utf8")),
      ),
    );
    for (const margin of manifest.verify.metrics.margins) {
      const strong = metrics[margin.metric];
      const naive = metrics[margin.baseline];
      expect(strong, margin.metric).toBeTypeOf("number");
      expect(naive, margin.baseline).toBeTypeOf("number");
      if (margin.minDelta !== undefined)
        expect((strong ?? 0) - (naive ?? 0), margin.id).toBeGreaterThanOrEqual(margin.minDelta);
      if (margin.minRatio !== undefined)
        expect((strong ?? 0) / (naive ?? 1), margin.id).toBeGreaterThanOrEqual(margin.minRatio);
    }
    await expect(readFile(path.join(target, "outputs", "submission.csv"), "utf8")).resolves.toMatch(
      /\n/,
    );

    // The verifier's own bin (published as `npx @ml-starter/verify`; the scaffolder does not ship it).
    const report = path.join(tmp.path, `${manifest.id}-report.json`);
    const verified = await runBuiltVerify([target, "--report", report]);
    expect(verified.exitCode, verified.all).toBe(0);
    const parsed = VerifyReportSchema.parse(JSON.parse(await readFile(report, "utf8")));
    expect(parsed.outcome).toBe("success");
    expect(parsed.template?.id).toBe(manifest.id);
    expect(parsed.margins.every((m) => m.ok)).toBe(true);
    expect(parsed.outputs.every((o) => o.sha256 !== null)).toBe(true);
    const after = await run("git", ["status", "--porcelain"], { cwd: target, env });
    expect(after.stdout, "verifying must not change tracked files").toBe("");
  });
});
