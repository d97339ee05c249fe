import type { FailureCode, VerifyReport } from "@ml-starter/schema";
import { REPORT_SCHEMA_ID, REPORT_SCHEMA_VERSION } from "@ml-starter/schema";
import { outcomeFor } from "./exit-codes.js";
import { TOOL } from "../fingerprint/tool-info.js";

/** A report with every field present and empty, filled in as verification proceeds. */
export function emptyReport(mode: VerifyReport["mode"]): VerifyReport {
  return {
    $schema: REPORT_SCHEMA_ID,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { ...TOOL },
    generator: null,
    template: null,
    project: null,
    mode,
    environment: {
      os: "",
      osRelease: "",
      arch: "",
      runner: "local",
      ci: false,
      node: process.version,
      offline: false,
      uv: null,
      git: null,
      python: null,
      variables: {},
    },
    inputs: { uvLock: null, pyproject: null, pythonVersion: null },
    installed: [],
    platformSpecific: [],
    steps: [],
    tests: null,
    metrics: {},
    tolerances: [],
    outputs: [],
    dataset: null,
    margins: [],
    devcontainer: [],
    warnings: [],
    outcome: "success",
    failure: null,
  };
}

/** Records the first failure only: later checks never overwrite the reason verification stopped. */
export function setFailure(
  report: VerifyReport,
  code: FailureCode,
  message: string,
  step: string | null = null,
): void {
  if (report.failure !== null) return;
  report.failure = { code, step, message };
  report.outcome = outcomeFor(code);
}
