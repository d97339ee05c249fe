import { parseArgs, type ParseArgsConfig } from "node:util";
import { suggestionHint } from "../suggest/did-you-mean.js";
import { MlStarterError } from "../core/errors.js";
import { messages } from "./messages.js";

export interface CliArgs {
  dir: string | undefined;
  archetype: string | undefined;
  /** Catalog slug (`--competition`): picks the profile, and the archetype when `--archetype` is absent. */
  competition: string | undefined;
  /** `--from-data <path>` and the inference overrides (src/infer); copyData: `--no-copy-data`. */
  fromData: FromDataArgs | undefined;
  devcontainerImage: string | undefined;
  description: string | undefined;
  git: boolean;
  install: boolean;
  /** undefined: decide from the terminal. */
  interactive: boolean | undefined;
  list: boolean;
  debug: boolean;
  help: boolean;
  version: boolean;
}

export interface FromDataArgs {
  path: string;
  target: string | undefined;
  id: string | undefined;
  task: string | undefined;
  metric: string | undefined;
  cv: string | undefined;
  copyData: boolean;
}

const FROM_DATA_ONLY = ["target", "id", "task", "metric", "cv"] as const;

const OPTIONS = {
  archetype: { type: "string", short: "a" },
  competition: { type: "string" },
  "from-data": { type: "string" },
  target: { type: "string" },
  id: { type: "string" },
  task: { type: "string" },
  metric: { type: "string" },
  cv: { type: "string" },
  "copy-data": { type: "boolean", default: true },
  "devcontainer-image": { type: "string" },
  description: { type: "string" },
  git: { type: "boolean", default: true },
  install: { type: "boolean", default: true },
  interactive: { type: "boolean" },
  list: { type: "boolean", default: false },
  debug: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const satisfies NonNullable<ParseArgsConfig["options"]>;

/** Every flag as typed, negations included (`--no-git`: allowNegative), for "did you mean". */
const FLAGS = Object.entries(OPTIONS).flatMap(([name, o]: [string, { type: string }]) =>
  o.type === "boolean" ? [`--${name}`, `--no-${name}`] : [`--${name}`],
);

/** An unknown flag gets the nearest known ones; any other misuse, the usage line. */
function usageHint(detail: string): string {
  const unknown = /^Unknown option '(--[^'=]+)/.exec(detail)?.[1];
  const usage = `usage: ${messages.usageLine}`;
  return unknown === undefined ? usage : suggestionHint(unknown, FLAGS, usage);
}

/** Parses argv (without node and script). Pure: unit-tested, throws INVALID_OPTION on misuse. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    const detail = (error as Error).message;
    throw new MlStarterError("INVALID_OPTION", messages.unknownOption(detail), {
      hint: usageHint(detail),
    });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new MlStarterError(
      "INVALID_OPTION",
      `expected one <dir>, got ${positionals.length}: ${positionals.join(" ")}`,
      {
        hint: "quote a path that contains spaces",
      },
    );
  }
  const stray = FROM_DATA_ONLY.find((k) => values[k] !== undefined);
  if (values["from-data"] === undefined && stray !== undefined) {
    throw new MlStarterError("INVALID_OPTION", messages.needsFromData(stray), {
      hint: `usage: ${messages.usageLine}`,
    });
  }
  const fromData =
    values["from-data"] === undefined
      ? undefined
      : {
          path: values["from-data"],
          target: values.target,
          id: values.id,
          task: values.task,
          metric: values.metric,
          cv: values.cv,
          copyData: values["copy-data"],
        };
  return {
    dir: positionals[0],
    fromData,
    archetype: values.archetype,
    competition: values.competition,
    devcontainerImage: values["devcontainer-image"],
    description: values.description,
    git: values.git,
    install: values.install,
    interactive: values.interactive,
    list: values.list,
    debug: values.debug,
    help: values.help,
    version: values.version,
  };
}
