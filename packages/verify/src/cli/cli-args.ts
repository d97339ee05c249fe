import { parseArgs } from "node:util";
import { UsageError } from "../report/errors.js";

export type CliCommand =
  | { kind: "help" }
  | { kind: "version" }
  | {
      kind: "verify";
      dir: string;
      report: string | undefined;
      summary: string | undefined;
      container: boolean;
      trust: boolean;
      debug: boolean;
      json: boolean;
    }
  | { kind: "compare"; files: string[]; json: boolean; debug: boolean };

/** argv (without node and the script) → a command; throws UsageError for anything it does not understand. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  if (argv[0] === "compare") return parseCompare(argv.slice(1));
  const { values, positionals } = parse(argv, {
    report: { type: "string" },
    summary: { type: "string" },
    container: { type: "boolean", default: false },
    trust: { type: "boolean", default: false },
    debug: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
    version: { type: "boolean", short: "v", default: false },
  });
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  if (positionals.length > 1)
    throw new UsageError(`expected at most one project directory, got: ${positionals.join(" ")}`);
  return {
    kind: "verify",
    dir: positionals[0] ?? ".",
    report: nonEmpty(values.report as string | undefined, "--report"),
    summary: nonEmpty(values.summary as string | undefined, "--summary"),
    container: values.container === true,
    trust: values.trust === true,
    debug: values.debug === true,
    json: values.json === true,
  };
}

// --- internal ---

function parseCompare(argv: readonly string[]): CliCommand {
  const { values, positionals } = parse(argv, {
    json: { type: "boolean", default: false },
    debug: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  });
  if (values.help) return { kind: "help" };
  if (positionals.length < 2) throw new UsageError("compare needs at least two report files");
  return {
    kind: "compare",
    files: positionals,
    json: values.json === true,
    debug: values.debug === true,
  };
}

type Spec = Record<string, { type: "string" | "boolean"; short?: string; default?: boolean }>;

function parse(argv: readonly string[], options: Spec) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === "") throw new UsageError(`${flag} needs a file path`);
  return value;
}
