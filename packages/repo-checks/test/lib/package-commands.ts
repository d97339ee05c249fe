// Which npm packages a text's commands would download and run: `npx x`, `pnpm dlx x`, `npm exec x`,
// and the create shorthands (`npm create x` → `create-x`, `pnpm create @s` → `@s/create`).
import { workspacePackages } from "./workspace-packages.js";

const NAME = String.raw`@?[a-z0-9][a-z0-9._~-]*(?:/[a-z0-9][a-z0-9._~-]*)?(?:@[^\s"'\`)]+)?`;
const FLAGS = String.raw`(?:--?[a-z][a-z-]*(?:=\S+)?\s+)*`;
const RUNNER = new RegExp(
  String.raw`\b(npx|pnpm\s+dlx|npm\s+exec|bunx|yarn\s+dlx)\s+${FLAGS}(${NAME})`,
  "g",
);
const CREATE = new RegExp(
  String.raw`\b(npm\s+(?:create|init)|pnpm\s+create|yarn\s+create|bun\s+create)\s+${FLAGS}(${NAME})`,
  "g",
);

export interface PackageCommand {
  command: string;
  pkg: string;
}

/** Drop a trailing `@version` (but not a scope's leading `@`). */
function withoutVersion(spec: string): string {
  const at = spec.indexOf("@", 1);
  return at === -1 ? spec : spec.slice(0, at);
}

/** npm's `init`/`create` initializer rules. */
export function initializerPackage(spec: string): string {
  const name = withoutVersion(spec);
  if (!name.startsWith("@")) return `create-${name}`;
  const [scope, rest] = name.split("/");
  return rest === undefined ? `${scope}/create` : `${scope}/create-${rest}`;
}

export function packageCommands(text: string): PackageCommand[] {
  const found: PackageCommand[] = [];
  for (const m of text.matchAll(RUNNER)) found.push({ command: m[0], pkg: withoutVersion(m[2]!) });
  for (const m of text.matchAll(CREATE))
    found.push({ command: m[0], pkg: initializerPackage(m[2]!) });
  return found;
}

/** The names of this workspace's packages: the only ones our commands may run. */
export function workspacePackageNames(): Set<string> {
  return new Set(workspacePackages().map((p) => p.manifest.name));
}

/** A paragraph that warns against the look-alike commands says so in these words, and is not a command. */
const WARNING = /unrelated (project|package)/;

/** Every command in `text` that runs a package outside the workspace, as `source: command`. */
export function foreignPackageCommands(
  text: string,
  source: string,
  owned = workspacePackageNames(),
): string[] {
  const commands = text
    .split(/\n\s*\n/)
    .filter((paragraph) => !WARNING.test(paragraph.replace(/\s+/g, " ")))
    .join("\n\n");
  return packageCommands(commands)
    .filter((c) => !owned.has(c.pkg))
    .map((c) => `${source}: ${c.command} (runs ${c.pkg})`);
}
