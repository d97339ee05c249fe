// `--container` is not a sandbox for a devcontainer that reaches into the host: with a real Docker engine and the
// real devcontainer CLI, a project whose devcontainer.json has an `initializeCommand` (it runs on the host, before
// the container exists) is refused before `devcontainer up`, and runs once the user passes `--trust`.
import path from "node:path";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { ID_LABEL_KEY } from "../../src/run/container/index.js";
import { createCli, environment, skip, verifyCli } from "../helpers/container-env.js";

const KEPT_ROLES = ["lock-check", "sync", "generate-data", "train"];
const ours = async () =>
  (
    await execa("docker", ["ps", "-aq", "--filter", `label=${ID_LABEL_KEY}`], { stdin: "ignore" })
  ).stdout.trim();

function verify(project: string, report: string, extra: readonly string[] = []) {
  return execa(
    process.execPath,
    [verifyCli, "--container", ...extra, "--report", report, project],
    {
      reject: false,
      all: true,
      stdin: "ignore",
    },
  );
}

describe.skipIf(skip)(
  "container mode refuses host-side devcontainer settings (real engine)",
  () => {
    let temp: TempDir;
    let project: string;
    let marker: string;

    beforeAll(async () => {
      if (!environment.available)
        throw new Error(`no container environment: ${environment.reason}`);
      for (const cli of [createCli, verifyCli])
        if (!existsSync(cli))
          throw new Error(`${cli} is missing: build the packages first (pnpm build)`);
      temp = await tempDirWithSpaces("ml starter host settings");
      project = path.join(temp.path, "host-settings");
      await execa(
        process.execPath,
        [
          createCli,
          project,
          "-a",
          "classification",
          "--no-interactive",
          "--no-install",
          "--no-git",
          "--devcontainer-image",
          environment.imageRef,
        ],
        { stdin: "ignore" },
      );
      // The host-side setting: a command the devcontainer CLI runs on this machine before the container starts.
      marker = path.join(temp.path, "initializeCommand ran on the host");
      const config = path.join(project, ".devcontainer", "devcontainer.json");
      const text = await readFile(config, "utf8");
      await writeFile(
        config,
        text.replace(
          /^(\s*)"image":/m,
          `$1"initializeCommand": ${JSON.stringify(["touch", marker])},\n$1"image":`,
        ),
      );
      // Not lint, format and pytest: this file is about where the project runs; container-mode.test.ts runs them.
      const file = path.join(project, "ml-starter.json");
      const projectFile = JSON.parse(await readFile(file, "utf8")) as {
        verify: { steps: Array<{ role: string }> };
      };
      projectFile.verify.steps = projectFile.verify.steps.filter((s) =>
        KEPT_ROLES.includes(s.role),
      );
      await writeFile(file, `${JSON.stringify(projectFile, null, 2)}\n`);
    });

    afterAll(async () => {
      await temp?.cleanup();
    });

    it("refuses before devcontainer up: exit 4 naming the setting, the host command never ran, no container", async () => {
      const before = await ours();
      const report = path.join(temp.path, "refused.json");
      const result = await verify(project, report);
      expect(result.exitCode, result.all).toBe(4);
      expect(result.all).toContain(
        "--container refuses .devcontainer/devcontainer.json initializeCommand",
      );
      expect(result.all).toContain("--trust");
      expect(existsSync(marker)).toBe(false);
      expect(await ours()).toBe(before);
      const written = JSON.parse(await readFile(report, "utf8")) as { failure: { code: string } };
      expect(written.failure.code).toBe("devcontainer_invalid");
    });

    it("with --trust, builds and runs the container (the host command ran) and removes it afterwards", async () => {
      const before = await ours();
      const report = path.join(temp.path, "trusted.json");
      const result = await verify(project, report, ["--trust"]);
      expect(result.exitCode, result.all).toBe(0);
      expect(existsSync(marker)).toBe(true);
      const written = JSON.parse(await readFile(report, "utf8")) as {
        mode: string;
        outcome: string;
        steps: { id: string; where: string; status: string }[];
      };
      expect(written).toMatchObject({ mode: "container", outcome: "success" });
      expect(written.steps.map((s) => [s.id, s.where, s.status])).toEqual(
        ["lock-check", "sync", "synth", "train"].map((id) => [id, "container", "passed"]),
      );
      expect(await ours()).toBe(before);
    });
  },
);
