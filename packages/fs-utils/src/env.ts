/**
 * Builds a child environment from a base and overrides. On Windows, `process.env` is case-insensitive but a
 * plain object is not: `{...process.env, PATH: x}` can hold both `Path` and `PATH` and the child sees either.
 * So keys are merged case-insensitively there, keeping exactly one spelling of each.
 */
export function mergeEnv(
  base: Readonly<Record<string, string | undefined>>,
  overrides: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): Record<string, string> {
  const out: Record<string, string> = {};
  const keyOf = new Map<string, string>();
  const put = (key: string, value: string | undefined) => {
    const folded = platform === "win32" ? key.toUpperCase() : key;
    const existing = keyOf.get(folded);
    if (existing !== undefined) delete out[existing];
    if (value === undefined) {
      keyOf.delete(folded);
      return;
    }
    // On Windows keep the spelling already in use (usually `Path`) so tools that read it still do.
    const spelling = existing ?? key;
    keyOf.set(folded, spelling);
    out[spelling] = value;
  };
  for (const [k, v] of Object.entries(base)) put(k, v);
  for (const [k, v] of Object.entries(overrides)) put(k, v);
  return out;
}

/** Reads a variable the way the platform does (case-insensitively on Windows). */
export function getEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  if (platform !== "win32") return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}
