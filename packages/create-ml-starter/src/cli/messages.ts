// Every line the scaffolder prints, in one place.
// The package-names entry, not the barrel: the barrel would put zod on the `--help` path of the bundle.
import { PACKAGE_NAMES, runPackageCommand, type PackageRunner } from "@ml-starter/schema/package-names";
import type { TemplateManifest } from "@ml-starter/schema";
import type { PostStepResult } from "../core/post-steps.js";
import type { ProjectNames } from "../core/names.js";

export const messages = {
  usageLine: "create-ml-starter <dir> --archetype <id> [--no-git] [--no-install] [--no-interactive]",
  help(archetypes: readonly Pick<TemplateManifest, "id" | "title" | "description">[], version: string): string {
    const width = Math.max(...archetypes.map((a) => a.id.length));
    const list = archetypes.map((a) => `  ${a.id.padEnd(width)}  ${a.title}: ${a.description}`).join("\n");
    return `${PACKAGE_NAMES.create} ${version}
Scaffold a reproducible, runnable Kaggle starter project (uv + uv.lock, pytest, ruff, pinned devcontainer).

Usage:
  ${this.usageLine}
  (run as: pnpm create @ml-starter <dir> …, npm create @ml-starter@latest <dir> -- …, npx ${PACKAGE_NAMES.create} <dir> …)
  Verify a generated project: npx ${PACKAGE_NAMES.verify} --help

Archetypes:
${list}

Options:
  -a, --archetype <id>             archetype to generate (prompted on a terminal when omitted)
      --devcontainer-image <ref>   devcontainer base image, pinned by digest (e.g. your registry mirror)
      --description <text>         one-line project description (pyproject.toml, ml-starter.json)
      --no-git                     do not run git init and the first commit
      --no-install                 do not run uv sync --locked
      --no-interactive             never prompt (the default when stdin is not a terminal)
      --list                       print the archetype ids, one per line
      --debug                      print stack traces on errors
  -h, --help                       show this help
  -v, --version                    print the version

Exit codes: 0 ok, 1 unexpected error, 2 usage (bad name, option or target), 3 environment
(permissions, disk), 130 interrupted.`;
  },
  missingDir: `missing <dir>: pass the directory to create, e.g. \`npx ${PACKAGE_NAMES.create} titanic-starter --archetype classification\``,
  missingArchetype: (ids: readonly string[]) => `--archetype is required when not interactive (one of: ${ids.join(", ")})`,
  unknownOption: (detail: string) => detail.replace(/\. To specify.*$/, "").replace(/\.$/, ""),
  promptName: "Project name (a new directory)",
  promptArchetype: "Competition archetype",
  invalidArchetypeRetry: (id: string) => `Unknown archetype ${JSON.stringify(id)}; pick one:`,
  error: (message: string, hint?: string) =>
    `✖ ${/[.!?]$/.test(message) ? message : `${message}.`}${hint ? ` Hint: ${hint}.` : ""}`,
  unexpected: (version: string) =>
    `✖ Unexpected error in ${PACKAGE_NAMES.create} ${version}. Please report it with the output of --debug.`,
  interrupted: "✖ Interrupted; nothing was created.",
  postStep: (r: PostStepResult) => `${r.status === "done" ? "✔" : r.status === "skipped" ? "•" : "!"} ${r.detail}`,
  done(
    dir: string,
    cwd: string,
    names: ProjectNames,
    manifest: TemplateManifest,
    installed: boolean,
    runner: PackageRunner,
  ): string {
    const rel = dirForHumans(dir, cwd);
    const steps = [
      `cd ${quote(rel)}`,
      ...(installed ? [] : ["uv sync --locked"]),
      `uv run ${names.importName} train        # synthetic data, both baselines, outputs/metrics.json`,
      "uv run pytest",
      `${runPackageCommand(runner, PACKAGE_NAMES.verify)}   # fingerprint the build (ml-starter.json holds the plan)`,
    ];
    return `\n✔ Created ${manifest.title} starter "${names.projectName}" in ${dir}\n\nNext steps:\n${steps
      .map((s) => `  ${s}`)
      .join("\n")}\n\nReal data: uv run ${names.importName} download (needs a Kaggle API token; see README.md).`;
  },
};

function quote(p: string): string {
  return /[\s"'$`\\]/.test(p) ? JSON.stringify(p) : p;
}

function dirForHumans(dir: string, cwd: string): string {
  return dir.startsWith(cwd) && dir !== cwd ? dir.slice(cwd.length + 1) : dir;
}
