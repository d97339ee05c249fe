// The only module that talks to node-plop. node-plop runs our actions in order and collects failures;
// our own action types do the writing, so only `.hbs` files meet Handlebars and every write is contained.
import { readFileSync } from "node:fs";
import nodePlop, { type CustomActionFunction, type NodePlopAPI } from "node-plop";
import { MlStarterError } from "../errors.js";
import type { PlannedFile } from "./plan-files.js";
import { sortLockPackages } from "./render-lock.js";
import { writeInside } from "../write/write-file.js";

export type TemplateData = Readonly<Record<string, string>>;

export interface GenerateHooks {
  /** Called after each file is written (count so far, total); may throw to abort. */
  onFileWritten?: (count: number, total: number) => Promise<void> | void;
  signal?: AbortSignal;
  /** Per output path: rewrites a file's text after rendering or before copying (e.g. APPROACHES.md). */
  transforms?: Readonly<Record<string, (text: string) => string>>;
}

/** Transforms every project gets, by output path: uv's lock must keep its sorted order after renaming. */
const TRANSFORMS: Readonly<Record<string, (text: string) => string>> = {
  "uv.lock": sortLockPackages,
};

const MUSTACHE = /\{\{\{?\s*([^}\s]+)\s*([^}\s]*)\s*\}\}\}?/g;

/**
 * Format-aware encoders for free text (only the description is free text): `{{{toml description}}}` writes a
 * TOML basic string. JSON string syntax is valid TOML for every value we accept (no control characters).
 */
const HELPERS: Readonly<Record<string, (value: unknown) => string>> = {
  toml: (value) => JSON.stringify(String(value)),
};

/** Unknown placeholders render as empty strings in Handlebars: refuse them instead. */
function assertKnownPlaceholders(text: string, file: PlannedFile, data: TemplateData): void {
  for (const match of text.matchAll(MUSTACHE)) {
    const helper = match[2] ? (match[1] ?? "") : undefined;
    if (helper !== undefined && !(helper in HELPERS)) {
      throw new MlStarterError("TEMPLATE_INVALID", `Unknown helper ${helper} in ${file.source}.`, {
        hint: `known helpers: ${Object.keys(HELPERS).join(", ")}`,
      });
    }
    const name = (helper === undefined ? match[1] : match[2]) ?? "";
    if (!(name in data)) {
      throw new MlStarterError(
        "TEMPLATE_INVALID",
        `Unknown placeholder {{${name}}} in ${file.source}.`,
        {
          hint: `known placeholders: ${Object.keys(data).join(", ")}`,
        },
      );
    }
  }
}

function failureText(failure: unknown): string {
  // node-plop reports failures as plain objects whose `error` is a string, never Error instances.
  if (failure && typeof failure === "object" && "error" in failure) return String(failure.error);
  return String(failure);
}

/** Renders/copies every planned file into `root` through a node-plop generator. */
export async function generateWithPlop(
  root: string,
  files: readonly PlannedFile[],
  data: TemplateData,
  hooks: GenerateHooks = {},
): Promise<void> {
  const plop: NodePlopAPI = await nodePlop(undefined, { destBasePath: root, force: false });
  let written = 0;
  const afterWrite = async () => {
    written += 1;
    await hooks.onFileWritten?.(written, files.length);
  };
  const ensureNotAborted = () => {
    if (hooks.signal?.aborted)
      throw new MlStarterError("INTERRUPTED", "Interrupted; nothing was created.");
  };

  // node-plop turns a thrown error into a string: keep the original so callers see our typed errors.
  let firstError: Error | undefined;
  const action =
    (work: (file: PlannedFile) => Uint8Array): CustomActionFunction =>
    async (_answers, config) => {
      const file = config["file"] as PlannedFile;
      try {
        ensureNotAborted();
        writeInside(root, file.output, work(file));
        await afterWrite();
        return file.output;
      } catch (error) {
        firstError ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      }
    };
  const transforms = { ...TRANSFORMS, ...hooks.transforms };
  const copyFile = action((file) => {
    const bytes = readFileSync(file.source);
    const transform = transforms[file.output];
    return transform ? Buffer.from(transform(bytes.toString("utf8")), "utf8") : bytes;
  });
  const renderFile = action((file) => {
    const template = readFileSync(file.source, "utf8");
    assertKnownPlaceholders(template, file, data);
    const rendered = plop.renderString(template, data);
    const transform = transforms[file.output];
    return Buffer.from(transform ? transform(rendered) : rendered, "utf8");
  });
  for (const [name, fn] of Object.entries(HELPERS)) plop.setHelper(name, fn);
  plop.setActionType("ml-starter-copy", copyFile);
  plop.setActionType("ml-starter-render", renderFile);
  plop.setGenerator("project", {
    description: "ml-starter project",
    prompts: [],
    actions: files.map((file) => ({
      type: file.render ? "ml-starter-render" : "ml-starter-copy",
      file,
      abortOnFail: true,
    })),
  });

  const { failures } = await plop.getGenerator("project").runActions({ ...data });
  if (failures.length > 0) {
    if (firstError !== undefined) throw firstError; // typed or errno errors, mapped by the caller
    throw new MlStarterError("GENERATOR_FAILED", `Generation failed: ${failureText(failures[0])}`);
  }
}
