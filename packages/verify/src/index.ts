export { verifyProject, type VerifyOptions, type ProgressEvent } from "./verify-project.js";
export { compareReports, type CompareResult, type Difference } from "./compare.js";
export { renderCompareTable } from "./compare-table.js";
export { readReportFile } from "./read-report.js";
export { writeReport, serializeReport } from "./write-report.js";
export { renderSummary, writeSummary } from "./summary-markdown.js";
export { createHostRunner, type HostRunnerOptions } from "./host-runner.js";
export type {
  StepRunner,
  RawStepResult,
  RunOptions,
  RunnerPlatform,
  ContainerRunnerOptions,
  ContainerRunnerFactory,
} from "./step-runner.js";
export { checkDevcontainer } from "./devcontainer-static.js";
export { platformSpecificPackages } from "./lock-markers.js";
export { parseJunit } from "./junit.js";
export { createRedactor, isSecretName, type Redactor } from "./redact.js";
export { buildChildEnv, FIXED_ENV } from "./fixed-env.js";
export { EXIT_CODES, exitCodeFor } from "./exit-codes.js";
export { VerifyError } from "./errors.js";
