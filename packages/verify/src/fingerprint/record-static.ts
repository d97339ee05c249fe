import path from "node:path";
import type { ProjectFile, VerifyReport } from "@ml-starter/schema";
import { getEnv } from "@ml-starter/fs-utils";
import { checkDevcontainer } from "../check/devcontainer-static.js";
import { isTruthy, recordedVariables, runnerLabel } from "./fingerprint.js";
import { sha256Text } from "./hash.js";
import { platformSpecificPackages } from "./lock-markers.js";
import { redactVariables, type Redactor } from "../run/redact.js";
import { setFailure } from "../report/report-draft.js";
import { InputRefusedError, readRegularText } from "../read/safe-read.js";

/** What ml-starter.json says about the project: generator, template, names, tolerances, declared outputs. */
export function describeProject(report: VerifyReport, file: ProjectFile): void {
  report.generator = { ...file.generator };
  report.template = { ...file.template };
  report.project = { distName: file.answers.distName, importName: file.answers.importName };
  report.tolerances = file.verify.metrics.tolerances.map((t) => ({ metric: t.metric, abs: t.abs }));
  report.outputs = file.verify.outputs.map((o) => ({ path: o.path, kind: o.kind, sha256: null }));
}

/**
 * Everything that needs no command: variables, runner label, input hashes, lock markers, devcontainer. An
 * input that is not a regular file inside the project, or is too large, is `input_refused` (no step runs).
 */
export async function recordStatic(
  report: VerifyReport,
  root: string,
  env: Record<string, string>,
  redactor: Redactor,
): Promise<void> {
  report.environment.runner = runnerLabel(env);
  report.environment.ci = isTruthy(getEnv(env, "CI"));
  report.environment.offline = isTruthy(getEnv(env, "UV_OFFLINE"));
  report.environment.variables = redactVariables(recordedVariables(env), redactor);
  const read = async (name: string) => {
    try {
      return await readRegularText(path.join(root, name), { label: name, root });
    } catch (error) {
      if (!(error instanceof InputRefusedError)) throw error;
      setFailure(report, "input_refused", error.message);
      return null;
    }
  };
  const lock = await read("uv.lock");
  const pyproject = await read("pyproject.toml");
  const pythonVersion = await read(".python-version");
  const hash = (text: string | null) => (text === null ? null : sha256Text(text));
  report.inputs = {
    uvLock: hash(lock),
    pyproject: hash(pyproject),
    pythonVersion: hash(pythonVersion),
  };
  try {
    report.platformSpecific = lock === null ? [] : platformSpecificPackages(lock);
  } catch {
    report.platformSpecific = []; // unparsable lock: the lock steps say why
  }
  report.devcontainer = await checkDevcontainer(root);
}
