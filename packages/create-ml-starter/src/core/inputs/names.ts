import { MlStarterError } from "../errors.js";
import {
  NPM_BLOCKLIST,
  PYTHON_KEYWORDS,
  PYTHON_STDLIB,
  SHADOWED_DEPENDENCIES,
  WINDOWS_RESERVED,
} from "./reserved-names.js";
import { lockedPackageNames, normalizeDistName } from "./locked-names.js";

export { normalizeDistName };

export interface ProjectNames {
  /** The directory name as typed, e.g. `titanic-starter`. */
  projectName: string;
  /** PEP 503 normalised distribution name. */
  distName: string;
  /** The Python import package under `src/`. */
  importName: string;
}

export type NameCheck =
  { ok: true; names: ProjectNames } | { ok: false; rule: string; suggestion: string };

const MAX_LENGTH = 214; // npm's limit; also keeps Windows paths short
const PEP508_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/**
 * Checks a project (directory) name against every rule, returning the first broken one. `locked` is the set of
 * package names the templates lock (default: the installed templates').
 */
export function checkProjectName(
  raw: string,
  locked: ReadonlySet<string> = lockedPackageNames(),
): NameCheck {
  const fail = (rule: string): NameCheck => ({
    ok: false,
    rule,
    suggestion: suggestProjectName(raw, locked),
  });
  if (raw.trim() === "") return fail("the name is empty");
  if (raw === "." || raw === "..") return fail("'.' and '..' are not project names");
  if (/[/\\]/.test(raw)) return fail("the name contains a path separator");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fail("the name contains a control character");
  if (raw !== raw.trim()) return fail("the name starts or ends with a space");
  if (/[. ]$/.test(raw)) return fail("Windows drops a trailing dot or space");
  if (/[<>:"|?*]/.test(raw))
    return fail('the name contains a character Windows forbids (< > : " | ? *)');
  if (WINDOWS_RESERVED.test(raw)) return fail(`'${raw}' is a reserved device name on Windows`);
  if (raw.length > MAX_LENGTH) return fail(`the name is longer than ${MAX_LENGTH} characters`);
  if (NPM_BLOCKLIST.has(raw.toLowerCase())) return fail(`'${raw}' is a reserved name`);
  if (!PEP508_NAME.test(raw)) {
    return fail(
      "a Python project name uses only ASCII letters, digits, '-', '_' and '.', and starts and ends with a letter or digit",
    );
  }
  if (raw !== raw.toLowerCase())
    return fail("use lower case (case-insensitive file systems and npm rules)");
  const distName = normalizeDistName(raw);
  const importName = distName.replace(/-/g, "_");
  if (/^[0-9]/.test(importName))
    return fail(`the Python package '${importName}' would start with a digit`);
  if (PYTHON_KEYWORDS.has(importName)) return fail(`'${importName}' is a Python keyword`);
  if (PYTHON_STDLIB.has(importName))
    return fail(`'${importName}' would shadow Python's standard library`);
  if (SHADOWED_DEPENDENCIES.has(importName)) {
    return fail(`'${importName}' would shadow a dependency or project folder of the same name`);
  }
  if (locked.has(distName) || locked.has(importName)) {
    return fail(
      `'${distName}' is a locked dependency of the templates; the lock cannot hold two packages of one name`,
    );
  }
  return { ok: true, names: { projectName: raw, distName, importName } };
}

/** Derives the names or throws INVALID_NAME with the rule and a suggested fix. */
export function deriveNames(
  raw: string,
  locked: ReadonlySet<string> = lockedPackageNames(),
): ProjectNames {
  const check = checkProjectName(raw, locked);
  if (check.ok) return check.names;
  throw new MlStarterError(
    "INVALID_NAME",
    `Invalid project name ${JSON.stringify(raw)}: ${check.rule}.`,
    {
      hint: `try ${JSON.stringify(check.suggestion)}`,
    },
  );
}

const MAX_DESCRIPTION = 200;

/**
 * The one free-text answer. Any printable character is allowed (quotes, backslashes, `{{`, `$(…)`): it is
 * only ever written through format-aware encoders. Control characters and newlines are refused.
 */
export function checkDescription(raw: string): string {
  // Bidi controls (U+061C, U+200E/F, U+202A–E, U+2066–9) can make the text display differently from what it is.
  const rule =
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(raw)
      ? "it contains a control character or line break (bidi controls included)"
      : raw.trim() === ""
        ? "it is empty"
        : raw.length > MAX_DESCRIPTION
          ? `it is longer than ${MAX_DESCRIPTION} characters`
          : undefined;
  if (rule === undefined) return raw;
  throw new MlStarterError("INVALID_OPTION", `Invalid description: ${rule}.`, {
    hint: 'pass one line of text, e.g. --description "Titanic baseline for our study group"',
  });
}

/** A close, valid alternative: ASCII, lower-case, kebab-case, not shadowing anything. */
export function suggestProjectName(
  raw: string,
  locked: ReadonlySet<string> = lockedPackageNames(),
): string {
  let name = raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  name = name.replace(/\.+$/, "");
  if (name === "") return "my-ml-project";
  if (/^[0-9]/.test(name)) name = `project-${name}`;
  if (name.length > 60) name = name.slice(0, 60).replace(/-+$/, "");
  const check = (n: string) => {
    const imp = n.replace(/-/g, "_");
    return !(
      PYTHON_KEYWORDS.has(imp) ||
      PYTHON_STDLIB.has(imp) ||
      SHADOWED_DEPENDENCIES.has(imp) ||
      locked.has(n) ||
      locked.has(imp) ||
      WINDOWS_RESERVED.test(n) ||
      NPM_BLOCKLIST.has(n)
    );
  };
  return check(name) ? name : `${name}-project`;
}
