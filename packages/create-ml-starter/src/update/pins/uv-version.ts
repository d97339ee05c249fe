import { readFile } from "node:fs/promises";
import path from "node:path";
import { MlStarterError } from "../../core/errors.js";
import { runTool } from "../git.js";
import { pinsMessages } from "../messages.js";

/** The file pinning uv with hashes; its `uv==X.Y.Z` line is the project's uv version. */
export const UV_REQUIREMENTS = ".devcontainer/uv-requirements.txt";
/** Every other file of a generated project that names uv's version or its X.Y series. */
const UV_PINNED_FILES = [
  "pyproject.toml",
  ".github/workflows/verify.yml",
  ".github/workflows/check-update.yml",
  "README.md",
  "ml-starter.json",
];

export interface FileEdit {
  file: string;
  text: string;
}

const at = (root: string, rel: string) => path.join(root, ...rel.split("/"));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `uv==X` in the devcontainer's requirements, or undefined when the project has none. */
export async function currentUvVersion(root: string): Promise<string | undefined> {
  const text = await readFile(at(root, UV_REQUIREMENTS), "utf8").catch(() => "");
  return /^uv==(\d+\.\d+\.\d+)\b/m.exec(text)?.[1];
}

/**
 * The hashed requirement for uv==`version` from the user's own index configuration: `uv pip compile
 * --generate-hashes` lists every published wheel's hash without downloading any.
 */
async function hashedRequirement(root: string, version: string): Promise<string> {
  const result = await runTool(
    "uv",
    [
      "pip",
      "compile",
      "-",
      "--generate-hashes",
      "--no-header",
      "--no-annotate",
      "--python-version",
      "3.11",
      "-q",
    ],
    root,
    { input: `uv==${version}\n` },
  );
  if (result.exitCode !== 0 || !result.stdout.includes("--hash=sha256:"))
    throw new MlStarterError(
      "UPDATE_SOURCE_UNAVAILABLE",
      pinsMessages.uvUnavailable(version, result.stderr),
      {
        hint: pinsMessages.uvUnavailableHint,
      },
    );
  return result.stdout;
}

/** Rewrites the version `from` (and, when the X.Y series changes, its series forms) to `to`. */
function bumpText(text: string, from: string, to: string): string {
  const [fa, fb] = from.split(".").map(Number) as [number, number];
  const [ta, tb] = to.split(".").map(Number) as [number, number];
  let out = text.split(from).join(to);
  if (fa !== ta || fb !== tb) {
    const f = `${fa}.${fb}`;
    const t = `${ta}.${tb}`;
    out = out
      .replace(new RegExp(`==${escape(f)}\\.\\*`, "g"), `==${t}.*`)
      .replace(new RegExp(`<${escape(`${fa}.${fb + 1}`)}\\b`, "g"), `<${ta}.${tb + 1}`)
      .replace(new RegExp(`\\b${escape(f)}\\.x\\b`, "g"), `${t}.x`)
      .replace(new RegExp(`"${escape(f)}\\.0"`, "g"), `"${t}.0"`);
  }
  return out;
}

/** The edits that move the project from uv `from` to `to`; reads the index before anything is written. */
export async function uvBumpEdits(root: string, from: string, to: string): Promise<FileEdit[]> {
  const requirement = await hashedRequirement(root, to);
  const edits: FileEdit[] = [];
  const reqText = await readFile(at(root, UV_REQUIREMENTS), "utf8");
  // The comment header says why the file exists; the requirement below it is replaced whole.
  const header = reqText.split("\n").filter((line) => line.startsWith("#"));
  edits.push({ file: UV_REQUIREMENTS, text: `${[...header, requirement.trimEnd()].join("\n")}\n` });
  for (const file of UV_PINNED_FILES) {
    const text = await readFile(at(root, file), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    const bumped = bumpText(text, from, to);
    if (bumped !== text) edits.push({ file, text: bumped });
  }
  return edits;
}
