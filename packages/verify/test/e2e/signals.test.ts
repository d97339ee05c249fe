import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { VerifyReportSchema } from "@ml-starter/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, runVerifier } from "../helpers/built-cli.js";
import { eventually, isAlive } from "../helpers/processes.js";
import { nodeStep, readJson, testdir, writeProject } from "../helpers/project.js";

beforeAll(() => assertBuilt());

// Windows has no POSIX signals to send (Ctrl-C there is covered by the abort tests).
describe.skipIf(process.platform === "win32")("signals to the built bin", () => {
  it.each(["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"] as const)(
    "%s: the report is written, the step's tree is killed, the scratch dir is removed, exit 130",
    async (signal) => {
      const dir = await testdir();
      const tmp = path.join(dir, "tmp");
      await mkdir(tmp);
      const pidFile = path.join(dir, "pids.json");
      await writeProject(dir, {
        steps: [nodeStep("hang", "sleep-with-grandchild.mjs", [pidFile])],
      });
      const child = runVerifier([dir], {
        env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
      });
      expect(await eventually(() => existsSync(pidFile), 15_000)).toBe(true);
      child.kill(signal);
      const result = await child;
      expect(result.exitCode, result.all).toBe(130);
      const report = VerifyReportSchema.parse(
        await readJson(path.join(dir, "outputs", "verify", "report.json")),
      );
      expect(report.failure).toMatchObject({ code: "interrupted", step: "hang" });
      const pids = JSON.parse(await readFile(pidFile, "utf8")) as {
        child: number;
        grandchild: number;
      };
      expect(await eventually(() => !isAlive(pids.child) && !isAlive(pids.grandchild))).toBe(true);
      expect(await readdir(tmp)).toEqual([]);
    },
  );
});
