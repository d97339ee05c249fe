import { parseArgs } from "node:util";
import { MlStarterError } from "../core/errors.js";
import { messages } from "./messages.js";

export interface CliArgs {
  dir: string | undefined;
  archetype: string | undefined;
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

/** Parses argv (without node and script). Pure: unit-tested, throws INVALID_OPTION on misuse. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      options: {
        archetype: { type: "string", short: "a" },
        "devcontainer-image": { type: "string" },
        description: { type: "string" },
        git: { type: "boolean", default: true },
        install: { type: "boolean", default: true },
        interactive: { type: "boolean" },
        list: { type: "boolean", default: false },
        debug: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (error) {
    throw new MlStarterError("INVALID_OPTION", messages.unknownOption((error as Error).message), {
      hint: `usage: ${messages.usageLine}`,
    });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new MlStarterError("INVALID_OPTION", `expected one <dir>, got ${positionals.length}: ${positionals.join(" ")}`, {
      hint: "quote a path that contains spaces",
    });
  }
  return {
    dir: positionals[0],
    archetype: values.archetype,
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
