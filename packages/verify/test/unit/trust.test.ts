import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TemplateManifestSchema, type ProjectFile } from "@ml-starter/schema";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/cli-main.js";
import { cliIo } from "../helpers/cli-io.js";
import { createContainerRunner } from "../../src/run/container/index.js";
import { planWarnings, shippedPlans } from "../../src/read/plan-check.js";
import { nodeStep, readJson, testdir, writeProject } from "../helpers/project.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const templatesDir = path.join(repo, "templates");
const templateIds = readdirSync(templatesDir).filter((id) =>
  existsSync(path.join(templatesDir, id, "template.json")),
);
// The generator's own code (its source: the published bundle has no per-module files), so the verifier is
// checked against what create really writes.
const generator = path.join(repo, "packages/create-ml-starter/src/core/template/project-file.ts");
type Build = (
  manifest: unknown,
  names: { projectName: string; distName: string; importName: string },
  image: string,
  description: string,
) => ProjectFile;
const { buildProjectFile } = (await import(generator)) as { buildProjectFile: Build };

async function generated(id: string): Promise<ProjectFile> {
  const manifest = TemplateManifestSchema.parse(
    JSON.parse(await readFile(path.join(templatesDir, id, "template.json"), "utf8")),
  );
  const names = { projectName: "my-proj", distName: "my-proj", importName: "my_proj" };
  return buildProjectFile(manifest, names, manifest.devcontainer.image, "A project.");
}

const io = (cwd: string) => cliIo(cwd);

describe("host mode: the plan against the one the template shipped", () => {
  it.each(templateIds)("plans/shipped-plans.json records %s's current plan", async (id) => {
    const manifest = TemplateManifestSchema.parse(
      JSON.parse(await readFile(path.join(templatesDir, id, "template.json"), "utf8")),
    );
    // Fails when a template's plan changes without `pnpm --filter @ml-starter/verify gen:plans`.
    expect(shippedPlans().get(`${manifest.id}@${manifest.version}`)).toEqual(manifest.verify);
  });

  it.each(templateIds)("a freshly generated %s project gets no warning", async (id) => {
    expect(planWarnings(await generated(id))).toEqual([]);
  });

  it("names the steps changed, added and removed, and the other parts", async () => {
    const file = await generated("classification");
    const [first, ...rest] = file.verify.steps;
    const crafted: ProjectFile = {
      ...file,
      verify: {
        ...file.verify,
        steps: [
          { ...first!, run: ["sh", "-c", "rm -rf ~"] },
          ...rest.slice(1),
          {
            id: "evil",
            title: "evil",
            role: "other",
            run: ["setsid", "sleep", "1000"],
            timeoutMs: 1000,
          },
        ],
        outputs: [],
      },
    };
    const [warning, ...more] = planWarnings(crafted);
    expect(more).toEqual([]);
    expect(warning).toContain("differs from the one template classification 0.1.0 shipped");
    expect(warning).toContain(`steps changed: ${first!.id}`);
    expect(warning).toContain("steps added: evil");
    expect(warning).toContain(`steps removed: ${rest[0]!.id}`);
    expect(warning).not.toContain("outputs");
    expect(warning).toContain("--trust");
  });

  it("an unknown template id or version is a warning too", async () => {
    const file = await generated("classification");
    expect(planWarnings({ ...file, template: { id: "classification", version: "9.9.9" } })).toEqual(
      [expect.stringContaining("no shipped plan is known for template classification 9.9.9")],
    );
  });

  it("warns on the console, in the report and in the summary; --trust silences it", async () => {
    const dir = await testdir();
    await writeProject(dir, { steps: [nodeStep("ok", "exit-code.mjs", ["0"])] });
    const run = io(dir);
    const code = await main([dir], run.io);
    expect(run.err()).toMatch(/⚠ warning: no shipped plan is known for template fixture 0\.0\.1/);
    const report = (await readJson(path.join(dir, "outputs/verify/report.json"))) as {
      warnings: string[];
    };
    expect(report.warnings).toEqual([expect.stringContaining("no shipped plan is known")]);
    expect(await readFile(path.join(dir, "outputs/verify/report.md"), "utf8")).toContain(
      "**Warning:** no shipped plan is known",
    );
    const trusted = io(dir);
    // The warning never changes the outcome.
    expect(await main([dir, "--trust"], trusted.io)).toBe(code);
    expect(trusted.err()).not.toContain("warning");
    expect(
      ((await readJson(path.join(dir, "outputs/verify/report.json"))) as { warnings: string[] })
        .warnings,
    ).toEqual([]);
  });
});

describe("--container refuses host-side devcontainer settings", () => {
  async function project(settings: Record<string, unknown>) {
    const dir = await testdir();
    await writeProject(dir, { steps: [nodeStep("ok", "exit-code.mjs", ["0"])] });
    const file = path.join(dir, ".devcontainer", "devcontainer.json");
    const base = {
      image: "example.org/python@sha256:" + "0".repeat(64),
      onCreateCommand: "uv sync --locked",
    };
    await writeFile(file, JSON.stringify({ ...base, ...settings }, null, 2));
    return dir;
  }
  const noDocker = { dockerPath: path.join("/nonexistent", "docker") };

  it.each([
    ["initializeCommand", { initializeCommand: "touch /tmp/pwned" }],
    ["mounts", { mounts: ["source=/etc,target=/host-etc,type=bind"] }],
    ["runArgs", { runArgs: ["--network=host"] }],
    ["privileged", { privileged: true }],
    ["capAdd", { capAdd: ["SYS_ADMIN"] }],
    ["securityOpt", { securityOpt: ["seccomp=unconfined"] }],
    ["workspaceMount", { workspaceMount: "source=/,target=/workspace,type=bind" }],
    ["build.context", { image: undefined, build: { dockerfile: "Dockerfile", context: "../.." } }],
    [
      "build.options",
      { image: undefined, build: { dockerfile: "Dockerfile", options: ["--network=host"] } },
    ],
    ["containerEnv.TOKEN", { containerEnv: { TOKEN: "${localEnv:GITHUB_TOKEN}" } }],
    ["dockerComposeFile", { dockerComposeFile: "compose.yml" }],
  ])(
    "refuses %s before Docker is contacted, naming it; --trust lets it through",
    async (key, settings) => {
      const dir = await project(settings);
      const refused = await createContainerRunner(dir, noDocker).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: "devcontainer_invalid" });
      expect((refused as Error).message).toContain(
        `--container refuses .devcontainer/devcontainer.json ${key}:`,
      );
      expect((refused as Error).message).toContain("--trust");
      const trusted = await createContainerRunner(dir, { ...noDocker, trust: true }).catch(
        (e: unknown) => e,
      );
      expect(trusted).toMatchObject({ code: "docker_unavailable" });
    },
  );

  it("a local Feature asking for privileges is refused", async () => {
    const dir = await project({ features: { "./evil": {} } });
    await mkdir(path.join(dir, ".devcontainer", "evil"), { recursive: true });
    await writeFile(
      path.join(dir, ".devcontainer", "evil", "devcontainer-feature.json"),
      JSON.stringify({ id: "evil", version: "1.0.0", privileged: true }),
    );
    const refused = await createContainerRunner(dir, noDocker).catch((e: unknown) => e);
    expect((refused as Error).message).toContain('features["./evil"].privileged');
  });

  it("the project's own pinned devcontainer is not refused", async () => {
    const dir = await testdir();
    await writeProject(dir, { steps: [nodeStep("ok", "exit-code.mjs", ["0"])] });
    expect(await createContainerRunner(dir, noDocker).catch((e: unknown) => e)).toMatchObject({
      code: "docker_unavailable",
    });
  });

  it("the CLI: exit 4, devcontainer_invalid in the report, the host command never ran", async () => {
    const marker = path.join(await testdir("marker"), "pwned");
    const dir = await project({
      initializeCommand: [
        "node",
        "-e",
        `require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`,
      ],
    });
    const run = io(dir);
    expect(await main([dir, "--container"], run.io)).toBe(4);
    expect(run.err()).toContain("devcontainer_invalid");
    expect(run.err()).toContain("initializeCommand");
    const report = (await readJson(path.join(dir, "outputs/verify/report.json"))) as {
      failure: { code: string; message: string };
    };
    expect(report.failure.code).toBe("devcontainer_invalid");
    expect(existsSync(marker)).toBe(false);
  });
});
