export { verifyProject, type VerifyOptions, type ProgressEvent } from "./verify-project.js";
export { compareReports, type CompareResult, type Difference } from "./report/compare.js";
export { renderCompareTable } from "./report/compare-table.js";
export { readReportFile } from "./report/read-report.js";
export { writeReport, serializeReport } from "./report/write-report.js";
export { renderSummary, writeSummary } from "./report/summary-markdown.js";
export { createHostRunner, type HostRunnerOptions } from "./run/host/host-runner.js";
export type {
  StepRunner,
  RawStepResult,
  RunOptions,
  RunnerPlatform,
  ContainerRunnerOptions,
  ContainerRunnerFactory,
} from "./run/step-runner.js";
export { checkDevcontainer } from "./check/devcontainer-static.js";
export { platformSpecificPackages } from "./fingerprint/lock-markers.js";
export { parseJunit } from "./check/junit.js";
export { createRedactor, isSecretName, type Redactor } from "./run/redact.js";
export { buildChildEnv, FIXED_ENV } from "./run/fixed-env.js";
export { EXIT_CODES, exitCodeFor } from "./report/exit-codes.js";
export { VerifyError } from "./report/errors.js";
