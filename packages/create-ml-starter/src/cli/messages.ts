// Every line the scaffolder prints, in one place.
// The package-names and metrics entries, not the barrel: the barrel would put zod on the `--help` path.
import {
  PACKAGE_NAMES,
  runPackageCommand,
  type PackageRunner,
} from "@ml-starter/schema/package-names";
import { METRIC_NAMES, TASK_TYPES } from "@ml-starter/schema/metrics";
import type { TemplateManifest } from "@ml-starter/schema";
import { formatRows, wrapText } from "@ml-starter/fs-utils";
import type { Competition } from "../catalog/load-catalog.js";
import type { PostStepResult } from "../core/post-steps.js";
import type { ProjectNames } from "../core/inputs/names.js";

const METRIC_LIST = METRIC_NAMES.join(", ");
/** `--help` fits an 80-column terminal. */
const HELP_WIDTH = 80;

export const messages = {
  usageLine:
    "npx @ml-starter/create <dir> (--archetype <id> | --competition <slug>) [--dry-run] [--json] [--no-git] [--no-install] [--no-interactive]",
  help(
    archetypes: readonly Pick<TemplateManifest, "id" | "title" | "description">[],
    version: string,
  ): string {
    const para = (text: string) => wrapText(text, HELP_WIDTH).join("\n");
    const rows = (r: readonly (readonly [string, string])[]) =>
      formatRows(r, { width: HELP_WIDTH }).join("\n");
    return `${PACKAGE_NAMES.create} ${version}
${para("Scaffold a reproducible, runnable Kaggle starter project (uv + uv.lock, pytest, ruff, pinned devcontainer).")}

Usage:
${wrapText(this.usageLine, HELP_WIDTH, "    ").join("\n").replace(/^ {4}/, "  ")}

  Run as: pnpm create @ml-starter <dir> …
          npm create @ml-starter@latest <dir> -- …
          npx ${PACKAGE_NAMES.create} <dir> …
  Verify a generated project: npx ${PACKAGE_NAMES.verify} --help
  In a project: update [--to <v>] [--dry-run] [--json] [--offline]
                check-update
                update --pins [--cooldown <days>] [--no-relock] [--no-image]
                  [--uv <x.y.z>] [--dry-run] [--json]

Archetypes:
${rows(archetypes.map((a) => [a.id, `${a.title}: ${a.description}`]))}

${para("Competitions: a catalog of real Kaggle competitions (binary, multiclass, regression), each with its files, columns, metric, validation and the winners' approaches. --list shows them; --competition <slug> starts from one.")}

Options:
${rows([
  ["-a, --archetype <id>", "archetype to generate (prompted on a terminal when omitted)"],
  [
    "    --competition <slug>",
    "a competition from the catalog: its competition.toml and APPROACHES.md section; picks the archetype (prompted on a terminal when omitted)",
  ],
  [
    "    --from-data <path>",
    "infer competition.toml from your files: a folder with train / test / sample submission (.csv, .tsv, one-file .zip) or one train file; copies them into data/raw (picks the archetype; shown for review on a terminal)",
  ],
  [
    "    --target, --id <column>",
    "with --from-data: the target / id column instead of the inferred one",
  ],
  ["    --task <type>", "with --from-data: binary, multiclass or regression"],
  ["    --metric <name>", `with --from-data: ${METRIC_LIST}`],
  [
    "    --cv <scheme>[:<col>][:<k>]",
    "with --from-data: kfold, stratified, group:<col> (rows sharing <col> stay in one fold) or time:<col> (later rows validate); default 5 folds, seed 0",
  ],
  ["    --no-copy-data", "with --from-data: do not copy the files (train with --data-dir instead)"],
  [
    "    --devcontainer-image <ref>",
    "devcontainer base image, pinned by digest (e.g. your registry mirror)",
  ],
  ["    --description <text>", "one-line project description (pyproject.toml, ml-starter.json)"],
  ["    --dry-run", "check everything and list the files it would write; write nothing"],
  ["    --json", "print the result as one JSON document (no progress lines, never prompts)"],
  ["    --no-git", "do not run git init and the first commit"],
  ["    --no-install", "do not run uv sync --locked"],
  ["    --no-interactive", "never prompt (the default when stdin is not a terminal)"],
  ["    --list", "list the archetypes and the competition catalog by task"],
  ["    --debug", "print stack traces on errors"],
  ["-h, --help", "show this help"],
  ["-v, --version", "print the version"],
])}

${para("Exit codes: 0 ok, 1 unexpected error, 2 usage (bad name, option or target), 3 environment (permissions, disk, a failed git or uv sync after generating), 130 interrupted.")}`;
  },
  verifyIsSeparate: (runner: PackageRunner) =>
    `"verify" is not part of ${PACKAGE_NAMES.create}: run \`${runPackageCommand(runner, PACKAGE_NAMES.verify)}\` inside the project`,
  dryRun: (target: string, files: readonly string[]) =>
    [`Would create ${target} with ${files.length} files (--dry-run: nothing was written):`]
      .concat(files.map((f) => `  ${f}`))
      .join("\n"),
  promptNameTaken: (name: string) => `${name} already exists and is not empty; type another name`,
  verifyDirHint: "to create a directory named verify, pass ./verify",
  needsFromData: (flag: string) => `--${flag} only applies with --from-data <path>`,
  fromDataConflict: "--from-data and --competition both name the competition's facts; pass one",
  fromDataArchetype: (asked: string, inferred: string, task: string) =>
    `--archetype ${asked} does not serve the inferred ${task} task (the ${inferred} archetype does)`,
  fromDataArchetypeHint: "drop --archetype, or pass --task to change the task",
  badTask: (task: string) => `--task ${JSON.stringify(task)}: one of ${TASK_TYPES.join(", ")}`,
  inferred: (source: string) => `Inferred competition.toml from ${source}:`,
  missingDir: `missing <dir>: pass the directory to create, e.g. \`npx ${PACKAGE_NAMES.create} titanic-starter --archetype classification\``,
  missingArchetype: (ids: readonly string[]) =>
    `--archetype or --competition is required when not interactive (archetypes: ${ids.join(", ")})`,
  conflictingArchetype: (slug: string, wanted: string, given: string) =>
    `--competition ${slug} is a ${wanted} competition, but --archetype is ${given}`,
  conflictingArchetypeHint: (wanted: string) => `drop --archetype, or pass --archetype ${wanted}`,
  list(
    archetypes: readonly Pick<TemplateManifest, "id" | "title" | "description">[],
    catalog: readonly Competition[],
  ): string {
    const rows = (items: ReadonlyArray<[string, string]>) => {
      const width = Math.max(...items.map(([name]) => name.length));
      return items.map(([name, text]) => `    ${name.padEnd(width)}  ${text}`);
    };
    const lines = [
      "Archetypes (--archetype <id>):",
      ...rows(archetypes.map((a) => [a.id, `${a.title}: ${a.description}`])),
    ];
    lines.push("", "Competitions (--competition <slug>):");
    // Tabular task types first, then the archetypes listed by name (basket-analysis, recommender).
    const others = catalog
      .map((c) => c.listing.type)
      .filter((t) => !(TASK_TYPES as readonly string[]).includes(t));
    for (const type of new Set<string>([...TASK_TYPES, ...others.sort()])) {
      const entries = catalog.filter((c) => c.listing.type === type);
      if (entries.length === 0) continue;
      lines.push(`  ${type}`, ...rows(entries.map((c) => [c.slug, c.listing.summary])));
    }
    return lines.join("\n");
  },
  unknownOption: (detail: string) => detail.replace(/\. To specify.*$/, "").replace(/\.$/, ""),
  promptName: "Project name (a new directory)",
  promptArchetype: "Competition archetype",
  promptCompetition: "Competition (from the catalog)",
  canonicalCompetition: "the archetype's default",
  ownDataChoice: "My own data",
  ownDataDescription:
    "a folder with train / test / sample submission files (or one train file): infer competition.toml from it",
  promptDataFolder: "Folder (or train file) with your data",
  dataFolderMissing: "no such file or folder",
  ownDataArchetype: (chosen: string, inferred: string, task: string) =>
    `• Your data is a ${task} task: using the ${inferred} archetype instead of ${chosen}`,
  invalidArchetypeRetry: (id: string) => `Unknown archetype ${JSON.stringify(id)}; pick one:`,
  error: (message: string, hint?: string) =>
    `✖ ${sentence(message)}${hint ? ` Hint: ${sentence(hint)}` : ""}`,
  unexpected: (version: string) =>
    `✖ Unexpected error in ${PACKAGE_NAMES.create} ${version}. Please report it with the output of --debug.`,
  interrupted: "✖ Interrupted; nothing was created.",
  postStep: (r: PostStepResult) =>
    `${r.status === "done" ? "✔" : r.status === "skipped" ? "•" : "!"} ${r.detail}`,
  postStepStopped: (dir: string, r: PostStepResult) =>
    `✖ ${r.status === "interrupted" ? "Interrupted" : "Failed"} after generating ${dir}: ${r.detail}.`,
  done(
    dir: string,
    cwd: string,
    names: ProjectNames,
    manifest: TemplateManifest,
    installed: boolean,
    runner: PackageRunner,
    competition?: Competition,
  ): string {
    const rel = dirForHumans(dir, cwd);
    const steps = [
      ...(dir === cwd ? [] : [`cd ${quote(rel)}`]),
      ...(installed ? [] : ["uv sync --locked"]),
      `uv run ${names.importName} train        # synthetic data, both baselines, outputs/metrics.json`,
      "uv run pytest",
      `${runPackageCommand(runner, PACKAGE_NAMES.verify)}   # fingerprint the build (ml-starter.json holds the plan)`,
    ];
    const what = competition === undefined ? "" : ` for ${competition.profile.title}`;
    return `\n✔ Created ${manifest.title} starter "${names.projectName}"${what} in ${dir}\n\nNext steps:\n${steps
      .map((s) => `  ${s}`)
      .join(
        "\n",
      )}\n\nReal data: uv run ${names.importName} download (needs a Kaggle API token; see README.md).`;
  },
};

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function quote(p: string): string {
  return /[\s"'$`\\]/.test(p) ? JSON.stringify(p) : p;
}

function dirForHumans(dir: string, cwd: string): string {
  return dir.startsWith(cwd) && dir !== cwd ? dir.slice(cwd.length + 1) : dir;
}
