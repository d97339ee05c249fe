import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ProjectFile, VerifyReport } from "@ml-starter/schema";
import { getEnv } from "@ml-starter/fs-utils";
import { checkDevcontainer } from "./devcontainer-static.js";
import { isTruthy, recordedVariables, runnerLabel } from "./fingerprint.js";
import { sha256File } from "./hash.js";
import { platformSpecificPackages } from "./lock-markers.js";
import { createRedactor, redactVariables } from "./redact.js";

/** What ml-starter.json says about the project: generator, template, names, tolerances, declared outputs. */
export function describeProject(report: VerifyReport, file: ProjectFile): void {
  report.generator = { ...file.generator };
  report.template = { ...file.template };
  report.project = { distName: file.answers.distName, importName: file.answers.importName };
  report.tolerances = file.verify.metrics.tolerances.map((t) => ({ metric: t.metric, abs: t.abs }));
  report.outputs = file.verify.outputs.map((o) => ({ path: o.path, kind: o.kind, sha256: null }));
}

/** Everything that needs no command: variables, runner label, input hashes, lock markers, devcontainer. */
export async function recordStatic(
  report: VerifyReport,
  root: string,
  env: Record<string, string>,
): Promise<void> {
  report.environment.runner = runnerLabel(env);
  report.environment.ci = isTruthy(getEnv(env, "CI"));
  report.environment.offline = isTruthy(getEnv(env, "UV_OFFLINE"));
  report.environment.variables = redactVariables(recordedVariables(env), createRedactor(env));
  report.inputs = {
    uvLock: await sha256File(path.join(root, "uv.lock"), "text"),
    pyproject: await sha256File(path.join(root, "pyproject.toml"), "text"),
    pythonVersion: await sha256File(path.join(root, ".python-version"), "text"),
  };
  try {
    report.platformSpecific = platformSpecificPackages(
      await readFile(path.join(root, "uv.lock"), "utf8"),
    );
  } catch {
    report.platformSpecific = []; // no or unparsable lock: the lock steps say why
  }
  report.devcontainer = await checkDevcontainer(root);
}
