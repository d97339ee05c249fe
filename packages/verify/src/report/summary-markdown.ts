import { appendFile } from "node:fs/promises";
import type { VerifyReport } from "@ml-starter/schema";
import { getEnv, writeFileAtomic } from "@ml-starter/fs-utils";

const STATUS: Record<string, string> = {
  passed: "✅ passed",
  failed: "❌ failed",
  "timed-out": "⏱️ timed out",
  "not-run": "➖ not run",
};

/** A Markdown summary of a (redacted) report: steps, tests, metrics, margins, outputs, findings, failure. */
export function renderSummary(report: VerifyReport): string {
  const out: string[] = [];
  const headline =
    report.outcome === "success"
      ? "✅ success"
      : `${report.outcome === "error" ? "⚠️ error" : "❌ failure"} (${report.failure?.code ?? "unknown"})`;
  out.push(`## ml-starter-verify: ${headline}`, "");
  out.push(describeEnvironment(report), "");
  for (const warning of report.warnings) out.push(`> ⚠️ **Warning:** ${inline(warning)}`, "");
  if (report.failure) {
    const where = report.failure.step ? ` at step \`${report.failure.step}\`` : "";
    out.push(`**Failed${where}:** ${inline(report.failure.message)}`, "");
  }
  if (report.steps.length > 0) {
    out.push(
      "| Step | Status | Exit | Duration | Data | Source | Command |",
      "|---|---|---|---|---|---|---|",
    );
    for (const s of report.steps) {
      const duration = s.status === "not-run" ? "" : `${(s.durationMs / 1000).toFixed(1)} s`;
      const source = s.data?.source ? code(s.data.source.slice(0, 12)) : "";
      out.push(
        `| ${cell(s.id)} | ${STATUS[s.status] ?? s.status} | ${s.exitCode ?? ""} | ${duration} | ${s.data?.dataset ?? ""} | ${source} | ${code(s.command.join(" "))} |`,
      );
    }
    out.push("");
  }
  if (report.tests) {
    const t = report.tests;
    out.push(
      "### Tests",
      "",
      `${t.passed} passed, ${t.failed} failed, ${t.errors} errors, ${t.skipped} skipped (${t.total} total)`,
    );
    const bad = t.cases.filter((c) => c.outcome === "failed" || c.outcome === "error");
    for (const c of bad.slice(0, 20)) out.push(`- ${c.outcome}: ${code(c.id)}`);
    out.push("");
  }
  const metrics = Object.entries(report.metrics);
  if (metrics.length > 0) {
    out.push("### Metrics", "", "| Metric | Value |", "|---|---|");
    for (const [name, value] of metrics) out.push(`| ${cell(name)} | ${value} |`);
    out.push("");
  }
  if (report.margins.length > 0) {
    out.push(
      "### Margins",
      "",
      "| Rule | Check | Required | Actual | OK |",
      "|---|---|---|---|---|",
    );
    for (const m of report.margins) {
      const check = `${m.metric} ${m.kind === "delta" ? "−" : "÷"} ${m.baseline}`;
      out.push(
        `| ${cell(m.id)} | ${cell(check)} | ${m.required} | ${m.actual ?? "n/a"} | ${m.ok ? "✅" : "❌"} |`,
      );
    }
    out.push("");
  }
  if (report.outputs.some((o) => o.sha256 !== null)) {
    out.push("### Outputs", "", "| Path | Kind | sha256 |", "|---|---|---|");
    for (const o of report.outputs)
      out.push(
        `| ${code(o.path)} | ${o.kind} | ${o.sha256 ? code(o.sha256.slice(0, 16)) : "missing"} |`,
      );
    out.push("");
  }
  if (report.devcontainer.length > 0) {
    out.push("### Devcontainer findings", "");
    for (const f of report.devcontainer)
      out.push(`- ${code(f.file)} ${code(f.key)} (${f.rule}): ${inline(f.message)}`);
    out.push("");
  }
  const failing = report.steps.find((s) => s.status === "failed" || s.status === "timed-out");
  if (failing && failing.outputTail !== "") {
    const fence = "`".repeat(Math.max(3, longestBacktickRun(failing.outputTail) + 1));
    out.push(
      `### Output of \`${failing.id}\` (last 4 KB)`,
      "",
      `${fence}text`,
      failing.outputTail.replace(/\n$/, ""),
      fence,
      "",
    );
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Writes the summary next to the report and appends it to `$GITHUB_STEP_SUMMARY` when that is set. */
export async function writeSummary(
  file: string,
  markdown: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  await writeFileAtomic(file, markdown);
  const stepSummary = getEnv(env, "GITHUB_STEP_SUMMARY");
  if (stepSummary) await appendFile(stepSummary, `${markdown}\n`, "utf8");
}

// --- internal ---

function describeEnvironment(r: VerifyReport): string {
  const e = r.environment;
  const parts = [
    r.template ? `template ${r.template.id} ${r.template.version}` : "no template",
    `${r.mode} mode`,
    `${e.os}/${e.arch} (${e.runner})`,
    e.python
      ? `Python ${e.python.version.split(" ")[0]} ${e.python.implementation} ${e.python.machine}`
      : undefined,
    e.uv ?? undefined,
    r.inputs.uvLock ? `uv.lock ${r.inputs.uvLock.slice(0, 12)}` : "no uv.lock",
  ];
  return parts
    .filter(Boolean)
    .map((p) => inline(p as string))
    .join(" · ");
}

function cell(text: string): string {
  return inline(text).replace(/\|/g, "\\|");
}

function inline(text: string): string {
  return text.replace(/\r?\n/g, " ");
}

function code(text: string): string {
  return `\`${cell(text).replace(/`/g, "'")}\``;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
}
