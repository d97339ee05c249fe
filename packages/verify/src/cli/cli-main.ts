import path from "node:path";
import { compareReports } from "../report/compare.js";
import { renderCompareTable } from "../report/compare-table.js";
import { parseCliArgs, type CliCommand } from "./cli-args.js";
import { UsageError } from "../report/errors.js";
import { escapeControl } from "./escape-control.js";
import {
  EXIT_ENVIRONMENT,
  EXIT_INTERRUPTED,
  EXIT_USAGE,
  exitCodeFor,
} from "../report/exit-codes.js";
import { loadContainerRunnerFactory } from "../run/load-container-runner.js";
import { messages } from "./messages.js";
import { checkOutputTargets } from "./output-paths.js";
import { readReportFile } from "../report/read-report.js";
import { runRedactor } from "../run/credential-files.js";
import type { Redactor } from "../run/redact.js";
import { sortKeysDeep } from "../report/sort-keys.js";
import { renderSummary, writeSummary } from "../report/summary-markdown.js";
import { TOOL } from "../fingerprint/tool-info.js";
import { verifyProject, type ProgressEvent } from "../verify-project.js";
import { serializeReport, writeReport } from "../report/write-report.js";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

const defaultIo = (): CliIo => ({
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
});

// SIGHUP (terminal closed) and SIGQUIT are stops like SIGTERM: kill the step tree, write the report, exit 130.
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"] as const;

/** The whole CLI: argv → exit code. Never calls process.exit; everything printed is redacted. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  // One redactor for the whole run: what is printed, the report and the summary mask the same secrets.
  const redactor = await runRedactor(io.env);
  const redact = redactor.text;
  // The print boundary: everything shown on the console is redacted, then stripped of control characters.
  const show = (text: string) => escapeControl(redact(text));
  const err = (line: string) => io.err(`${show(line)}\n`);
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`ml-starter-verify: ${error.message}`);
    err(messages.cli.usage);
    return EXIT_USAGE;
  }
  const debug = "debug" in command && command.debug;
  try {
    switch (command.kind) {
      case "help":
        io.out(`${messages.cli.help(TOOL.version)}\n`);
        return 0;
      case "version":
        io.out(`${TOOL.version}\n`);
        return 0;
      case "compare":
        return await runCompare(command, io, err, show);
      case "verify":
        return await runVerify(command, io, err, redactor);
    }
  } catch (error) {
    err(messages.cli.unexpected(TOOL.version));
    err(debug && error instanceof Error && error.stack ? error.stack : String(error));
    return 1;
  }
}

// --- internal ---

async function runVerify(
  command: Extract<CliCommand, { kind: "verify" }>,
  io: CliIo,
  err: (line: string) => void,
  redactor: Redactor,
) {
  const dir = path.resolve(io.cwd, command.dir);
  const reportPath = command.report
    ? path.resolve(io.cwd, command.report)
    : path.join(dir, "outputs", "verify", "report.json");
  const summaryPath = command.summary
    ? path.resolve(io.cwd, command.summary)
    : path.join(
        path.dirname(reportPath),
        `${path.basename(reportPath, path.extname(reportPath))}.md`,
      );
  try {
    await checkOutputTargets(dir, reportPath, summaryPath);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`ml-starter-verify: ${error.message}`);
    return EXIT_USAGE;
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  for (const s of SIGNALS) process.on(s, onSignal);
  err(messages.cli.starting(TOOL.version, dir, command.container ? "container" : "host"));
  try {
    const report = await verifyProject(dir, {
      env: io.env,
      signal: controller.signal,
      mode: command.container ? "container" : "host",
      keepPassedOutput: command.debug,
      trust: command.trust,
      redactor,
      onProgress: (event) => logProgress(event, io, err),
      ...(command.container
        ? {
            createRunner: async (ctx: {
              dir: string;
              env: Record<string, string>;
              signal?: AbortSignal;
            }) => {
              const create = await loadContainerRunnerFactory();
              return create(ctx.dir, {
                env: ctx.env,
                log: err,
                debug: command.debug,
                trust: command.trust,
                ...(ctx.signal ? { signal: ctx.signal } : {}),
              });
            },
          }
        : {}),
    });
    try {
      // Again: a step may have replaced outputs/verify with a symlink while it ran.
      await checkOutputTargets(dir, reportPath, summaryPath);
      await writeReport(reportPath, report);
      await writeSummary(summaryPath, renderSummary(report), io.env);
    } catch (error) {
      err(
        messages.cli.writeFailed(
          reportPath,
          error instanceof Error ? error.message : String(error),
        ),
      );
      return EXIT_ENVIRONMENT;
    }
    err(messages.cli.result(report.outcome, report.failure?.code, report.failure?.message));
    err(messages.cli.wrote(reportPath, summaryPath));
    if (command.json) io.out(serializeReport(report));
    return controller.signal.aborted ? EXIT_INTERRUPTED : exitCodeFor(report);
  } finally {
    for (const s of SIGNALS) process.off(s, onSignal);
  }
}

function logProgress(event: ProgressEvent, io: CliIo, err: (line: string) => void) {
  if (event.type === "warning") {
    err(messages.cli.warning(event.message));
    return;
  }
  if (event.type === "step-start") {
    if (io.isTTY) err(`… ${event.id}  ${event.command.join(" ")}`);
    return;
  }
  const r = event.result;
  const mark = r.status === "passed" ? "✓" : r.status === "timed-out" ? "⏱" : "✗";
  const detail = r.cause ? r.cause.code : "";
  err(
    messages.cli.stepLine(
      mark,
      r.id,
      r.command.join(" "),
      `${(r.durationMs / 1000).toFixed(1)}s`,
      detail,
    ),
  );
}

async function runCompare(
  command: Extract<CliCommand, { kind: "compare" }>,
  io: CliIo,
  err: (line: string) => void,
  show: (text: string) => string,
) {
  const loaded = await Promise.all(
    command.files.map((f) => readReportFile(path.resolve(io.cwd, f))),
  );
  const problems = loaded.flatMap((l) => (l.ok ? [] : [l.message]));
  if (problems.length > 0) {
    err(messages.cli.compareUnreadable);
    for (const p of problems) err(`  ${p}`);
    return EXIT_USAGE;
  }
  const reports = loaded.flatMap((l) => (l.ok ? [l.report] : []));
  const result = compareReports(reports);
  const table = renderCompareTable(reports, result);
  if (command.json) {
    io.err(show(table));
    io.out(`${JSON.stringify(sortKeysDeep(result), null, 2)}\n`);
  } else {
    io.out(show(table));
  }
  return result.ok ? 0 : 4;
}
