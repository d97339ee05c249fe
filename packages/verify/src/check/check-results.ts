import type { ProjectFile, VerifyReport } from "@ml-starter/schema";
import { evaluateMargins } from "./margins.js";
import { messages } from "../cli/messages.js";
import { readMetrics } from "./metrics.js";
import { hashOutputs } from "./outputs.js";
import { setFailure } from "../report/report-draft.js";

/** Once every step passed: declared outputs, metrics and margin rules (the first problem is the failure). */
export async function checkResults(
  report: VerifyReport,
  root: string,
  plan: ProjectFile["verify"],
): Promise<void> {
  const hashed = await hashOutputs(root, plan.outputs);
  report.outputs = hashed.outputs;
  if (hashed.refused.length > 0) setFailure(report, "input_refused", hashed.refused.join("; "));
  const missing = report.outputs.filter((o) => o.sha256 === null).map((o) => o.path);
  if (missing.length > 0) setFailure(report, "output_missing", messages.outputMissing(missing));
  const metrics = await readMetrics(root, plan.metrics.file);
  if (!metrics.ok) {
    setFailure(report, "metrics_invalid", messages.metricsInvalid(metrics.issues));
    return;
  }
  report.metrics = metrics.metrics;
  report.dataset = metrics.dataset;
  report.margins = evaluateMargins(plan.metrics.margins, metrics.metrics);
  // Margins are designed for the synthetic data's planted signal; on the real data they are recorded, not enforced.
  if (metrics.dataset !== "synthetic") return;
  const failed = report.margins.filter((m) => !m.ok);
  if (failed.length > 0) setFailure(report, "margin_failed", messages.marginFailed(failed));
}
