export const REDACTED = "[REDACTED]";

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL|AUTH|COOKIE|SESSION)/i;
/** Named explicitly so the rule survives a change to the pattern; AWS_* is a prefix. */
export const EXPLICIT_SECRET_NAMES = [
  "KAGGLE_KEY",
  "KAGGLE_API_TOKEN",
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "HF_TOKEN",
] as const;
/** Values shorter than this are not searched for in text: too likely to match ordinary words. */
export const MIN_SECRET_LENGTH = 8;
/** `scheme://user[:pass]@` — the userinfo part of a URL. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/** True when a variable of this name holds a secret (its value is never recorded). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    SECRET_NAME.test(name) ||
    upper.startsWith("AWS_") ||
    (EXPLICIT_SECRET_NAMES as readonly string[]).includes(upper)
  );
}

export interface Redactor {
  /** Masks secret values (longest first) and URL credentials in any text. */
  readonly text: (input: string) => string;
  /** Every string inside a JSON-like value, redacted (keys are kept). */
  readonly deep: <T>(value: T) => T;
  /** The secret values this redactor masks (for tests). */
  readonly values: readonly string[];
}

/**
 * Builds a redactor from an environment: values of secret-named variables, and passwords found in URLs of any
 * variable, are masked wherever they appear; `https://user:pass@host` becomes `https://***@host`.
 */
export function createRedactor(
  env: Readonly<Record<string, string | undefined>>,
  extra: readonly string[] = [],
): Redactor {
  const found = new Set<string>(extra);
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === "") continue;
    if (isSecretName(name)) found.add(value);
    for (const secret of urlSecrets(value)) found.add(secret);
  }
  const values = [...expandEncodings(found)]
    .filter((v) => v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const text = (input: string): string => {
    let out = input;
    for (const value of values) out = out.split(value).join(REDACTED);
    return out.replace(URL_CREDENTIALS, "$1***@");
  };
  const deep = <T>(value: T): T => mapStrings(value, text);
  return { text, deep, values };
}

/** The report's view of variables: secret-named ones as `[REDACTED]`, the rest with secrets masked. */
export function redactVariables(
  variables: Readonly<Record<string, string>>,
  redactor: Redactor,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    out[name] = isSecretName(name) ? REDACTED : redactor.text(value);
  }
  return out;
}

// --- internal ---

function urlSecrets(value: string): string[] {
  const out: string[] = [];
  for (const match of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^\s/?#@]+)@/gi)) {
    const userinfo = match[1] as string;
    out.push(userinfo);
    const colon = userinfo.indexOf(":");
    if (colon >= 0) out.push(userinfo.slice(colon + 1));
  }
  return out;
}

/** A secret may also appear percent-encoded (in URLs uv prints) or JSON-escaped. */
function expandEncodings(values: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    out.add(v);
    out.add(encodeURIComponent(v));
    out.add(JSON.stringify(v).slice(1, -1));
  }
  return out;
}

function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === "string") return fn(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, fn)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      out[k] = mapStrings(v, fn);
    return out as T;
  }
  return value;
}
