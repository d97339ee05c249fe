import path from "node:path";
import { realpathSync } from "node:fs";
import { MlStarterError } from "../errors.js";
import { WINDOWS_RESERVED } from "../inputs/reserved-names.js";

function forbidden(rel: string, why: string): MlStarterError {
  return new MlStarterError("FORBIDDEN_PATH", `Refusing to write ${JSON.stringify(rel)}: ${why}.`, {
    hint: "templates and answers may only write inside the target directory",
  });
}

/**
 * Joins a template-relative output path onto the root, refusing anything that could land outside it:
 * absolute paths (POSIX or Windows), drive letters, UNC paths, `..` segments, NUL and reserved names.
 * Checks both path flavours so a Windows-style escape is caught on Linux too.
 */
export function safeJoin(root: string, rel: string, pathApi: path.PlatformPath = path): string {
  if (rel === "" || rel.includes("\0")) throw forbidden(rel, "empty or contains a NUL character");
  if (path.posix.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) {
    throw forbidden(rel, "absolute paths, drive letters and UNC paths are not allowed");
  }
  const segments = rel.split(/[/\\]+/);
  for (const segment of segments) {
    if (segment === "..") throw forbidden(rel, "'..' segments are not allowed");
    if (WINDOWS_RESERVED.test(segment))
      throw forbidden(rel, `'${segment}' is a reserved name on Windows`);
  }
  const joined = pathApi.resolve(root, ...segments.filter((s) => s !== "" && s !== "."));
  const back = pathApi.relative(pathApi.resolve(root), joined);
  if (back === "" || back.startsWith("..") || pathApi.isAbsolute(back)) {
    throw forbidden(rel, "it resolves outside the target directory");
  }
  return joined;
}

function nearestExisting(dir: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      return realpathSync.native(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || path.dirname(current) === current)
        throw error;
    }
  }
}

/**
 * The real path (symlinks resolved) of a file's parent, or of its nearest existing ancestor before the
 * parent is created, must stay inside the root's real path: a symlink planted in the staged tree cannot
 * redirect a write, or even a mkdir, outside it.
 */
export function assertRealParentInside(root: string, file: string): void {
  const realRoot = realpathSync.native(root);
  const realParent = nearestExisting(path.dirname(file));
  const back = path.relative(realRoot, realParent);
  if (back.startsWith("..") || path.isAbsolute(back)) {
    throw forbidden(
      path.relative(root, file),
      "a symlink in the staged tree points outside the target",
    );
  }
}
