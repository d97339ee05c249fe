import path from "node:path";
import { lstat, readdir } from "node:fs/promises";
import { MlStarterError } from "../errors.js";
import { SHARED_LAYER } from "./templates-root.js";

/** Stored names that npm packing or our own tooling would mangle → their real names (never by prefix). */
export const RENAMED_SEGMENTS: Readonly<Record<string, string>> = {
  _gitignore: ".gitignore",
  _gitattributes: ".gitattributes",
  _dockerignore: ".dockerignore",
  "_python-version": ".python-version",
  _devcontainer: ".devcontainer",
  _github: ".github",
};

export const PACKAGE_SEGMENT = "__package__";
const RENDER_SUFFIX = ".hbs";
/** Caches a template author may have left behind; never part of a project. */
const IGNORED = new Set(["__pycache__", ".pytest_cache", ".ruff_cache", ".venv", ".DS_Store"]);

export interface PlannedFile {
  /** Absolute path of the template file. */
  source: string;
  /** POSIX path inside the project. */
  output: string;
  /** True for `*.hbs`: rendered with Handlebars; everything else is copied byte for byte. */
  render: boolean;
}

/** Maps a stored template path to its output path: fixed renames, package folder, `.hbs` dropped. */
export function outputPathFor(
  storedRel: string,
  importName: string,
): { output: string; render: boolean } {
  const segments = storedRel
    .split("/")
    .map((s) => (s === PACKAGE_SEGMENT ? importName : (RENAMED_SEGMENTS[s] ?? s)));
  const last = segments[segments.length - 1] ?? "";
  const render = last.endsWith(RENDER_SUFFIX);
  if (render) segments[segments.length - 1] = last.slice(0, -RENDER_SUFFIX.length);
  return { output: segments.join("/"), render };
}

async function walk(root: string, rel = ""): Promise<string[]> {
  const dir = path.join(root, rel);
  const files: string[] = [];
  for (const entry of (await readdir(dir)).sort()) {
    if (IGNORED.has(entry) || entry.endsWith(".pyc")) continue;
    const storedRel = rel === "" ? entry : `${rel}/${entry}`;
    const stat = await lstat(path.join(dir, entry));
    if (stat.isSymbolicLink()) {
      throw new MlStarterError("TEMPLATE_INVALID", `Template contains a symlink: ${storedRel}.`, {
        hint: "templates may not contain symlinks (npm drops them; they can point outside the project)",
      });
    }
    if (stat.isDirectory()) files.push(...(await walk(root, storedRel)));
    else files.push(storedRel);
  }
  return files;
}

/** A layer's files cut down to the manifest's `pick` for it; each picked file must exist. */
function pickFrom(layer: string, files: string[], picked: readonly string[] | undefined): string[] {
  if (picked === undefined) return files;
  const missing = picked.filter((f) => !files.includes(f));
  if (missing.length > 0) {
    throw new MlStarterError(
      "TEMPLATE_INVALID",
      `Template layer ${path.basename(layer)} has no ${missing.join(", ")}.`,
      {
        hint: "a manifest's `pick` lists stored paths inside the layer, such as src/__package__/metric.py",
      },
    );
  }
  return files.filter((f) => picked.includes(f));
}

/**
 * The files a project gets: the shared layer, then the layers the manifest `extends` (in order; of a layer
 * in `pick`, only the files listed there), then the archetype's files on top (a later layer wins on the same
 * output path), sorted by output path. `template.json` stays behind; `ml-starter.json` is written by the
 * generator.
 */
export async function planFiles(
  templatesRoot: string,
  archetypeDir: string,
  importName: string,
  extendsLayers: readonly string[] = [],
  pick: Readonly<Record<string, readonly string[]>> = {},
): Promise<PlannedFile[]> {
  const byOutput = new Map<string, PlannedFile>();
  const shared = path.join(templatesRoot, SHARED_LAYER);
  const layers = [
    shared,
    ...extendsLayers.map((name) => path.join(templatesRoot, name)),
    archetypeDir,
  ];
  for (const layer of layers) {
    const walked = await walk(layer).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" && layer === shared) return [];
      if (error.code === "ENOENT" && layer !== archetypeDir) {
        throw new MlStarterError(
          "TEMPLATE_INVALID",
          `Template layer ${path.basename(layer)} not found in ${templatesRoot}.`,
          {
            hint: "a manifest's `extends` names folders beside the archetypes, such as _tabular",
          },
        );
      }
      throw error;
    });
    const files = pickFrom(layer, walked, pick[path.basename(layer)]);
    const seen = new Set<string>();
    for (const storedRel of files) {
      if (layer === archetypeDir && storedRel === "template.json") continue;
      const { output, render } = outputPathFor(storedRel, importName);
      if (seen.has(output)) {
        throw new MlStarterError(
          "TEMPLATE_INVALID",
          `Two template files produce ${output} in ${layer}.`,
        );
      }
      seen.add(output);
      byOutput.set(output, { source: path.join(layer, ...storedRel.split("/")), output, render });
    }
  }
  return [...byOutput.values()].sort((a, b) =>
    a.output < b.output ? -1 : a.output > b.output ? 1 : 0,
  );
}
