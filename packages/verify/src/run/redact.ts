export const REDACTED = "[REDACTED]";

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL|AUTH|COOKIE|SESSION)/i;
/** Named explicitly so the rule survives a change to the pattern; AWS_* is a prefix, `*_PWD` a suffix. */
export const EXPLICIT_SECRET_NAMES = [
  "KAGGLE_KEY",
  "KAGGLE_API_TOKEN",
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "HF_TOKEN",
  "SSHPASS",
  "MYSQL_PWD",
] as const;
/** Values shorter than this are searched for only as whole tokens (never inside a word), and only when they come from a secret-named variable. */
export const MIN_SECRET_LENGTH = 8;
/** Shorter values are not secrets worth masking (and would mask ordinary text). */
const MIN_SHORT_SECRET_LENGTH = 3;
/**
 * `scheme://user[:pass]@` — the userinfo part of a URL, up to the authority's last `@` (a password may
 * contain `@`).
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]+@/gi;
/** Query parameters that carry credentials (`?token=…`, `&password=…`, signed URLs). */
const SECRET_QUERY =
  /([?&;](?:[a-z0-9_.-]*(?:token|secret|password|passwd|pwd|key|auth|sig|signature|credential|session))=)[^&#\s"'<>]+/gi;
/** Webhook URLs whose path is the credential. */
const WEBHOOK_PATH =
  /\b((?:https?:\/\/)?(?:hooks\.slack\.com\/(?:services|workflows|triggers)|(?:discord(?:app)?\.com)\/api\/webhooks|[a-z0-9-]+\.webhook\.office\.com\/webhookb2)\/)([^\s"'<>]+)/gi;
/** A URL path segment that looks like a token: long, and mixing letters and digits (or 32+ characters). */
const TOKEN_SEGMENT = /^(?=.*[0-9])(?=.*[a-zA-Z])[A-Za-z0-9_.~+=-]{16,}$|^[A-Za-z0-9_.~+=-]{32,}$/;

/** True when a variable of this name holds a secret (its value is never recorded). */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    SECRET_NAME.test(name) ||
    upper.startsWith("AWS_") ||
    upper.endsWith("_PWD") ||
    (EXPLICIT_SECRET_NAMES as readonly string[]).includes(upper)
  );
}

export interface Redactor {
  /** Masks secret values (longest first), URL credentials, credential query parameters and webhook paths. */
  readonly text: (input: string) => string;
  /** Every string inside a JSON-like value, redacted (keys are kept). */
  readonly deep: <T>(value: T) => T;
  /** The secret values this redactor masks (for tests). */
  readonly values: readonly string[];
}

/**
 * Builds the run's one redactor from an environment (plus `extra` values, e.g. from credential files): values
 * of secret-named variables, passwords found in URLs of any variable and token-like segments of URL-valued
 * variables are masked wherever they appear, in their plain, percent-encoded (either case), JSON-escaped,
 * base64, hex and upper/lower-case forms. `https://user:pass@host` becomes `https://***@host`.
 */
export function createRedactor(
  env: Readonly<Record<string, string | undefined>>,
  extra: readonly string[] = [],
): Redactor {
  const long = new Set<string>(extra);
  const short = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || value === "") continue;
    if (isSecretName(name)) {
      if (value.length >= MIN_SECRET_LENGTH) long.add(value);
      else if (value.length >= MIN_SHORT_SECRET_LENGTH) short.add(value);
    }
    for (const secret of urlSecrets(value)) long.add(secret);
  }
  const values = [...expandEncodings(long)]
    .filter((v) => v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const shortPatterns = [...expandEncodings(short)]
    .sort((a, b) => b.length - a.length)
    .map((v) => new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(v)}(?![A-Za-z0-9])`, "g"));
  const text = (input: string): string => {
    let out = input;
    for (const value of values) out = out.split(value).join(REDACTED);
    for (const pattern of shortPatterns) out = out.replace(pattern, REDACTED);
    return out
      .replace(URL_CREDENTIALS, "$1***@")
      .replace(SECRET_QUERY, `$1${REDACTED}`)
      .replace(WEBHOOK_PATH, `$1${REDACTED}`);
  };
  const deep = <T>(value: T): T => mapStrings(value, text);
  return { text, deep, values: [...values, ...short] };
}

/**
 * The report's view of variables: secret-named ones as `[REDACTED]`; URL-valued ones as scheme and host only
 * (paths and queries carry tokens: index URLs, webhooks); the rest with secrets masked.
 */
export function redactVariables(
  variables: Readonly<Record<string, string>>,
  redactor: Redactor,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables)) {
    out[name] = isSecretName(name) ? REDACTED : (urlOrigin(value) ?? redactor.text(value));
  }
  return out;
}

// --- internal ---

/** `scheme://host[:port]` of a value that is one URL (several, space- or comma-separated, each reduced). */
function urlOrigin(value: string): string | undefined {
  const parts = value.trim().split(/[\s,]+/);
  const origins = parts.map((part) => {
    const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/?#]*@)?([^\s/?#@]*)/i.exec(part);
    return match ? `${match[1] as string}${match[2] as string}` : undefined;
  });
  if (origins.some((o) => o === undefined)) return undefined;
  return origins.join(" ");
}

function urlSecrets(value: string): string[] {
  const out: string[] = [];
  for (const match of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^\s/?#]+)@([^\s?#]*)(\S*)/gi)) {
    const userinfo = match[1] as string;
    out.push(userinfo);
    const colon = userinfo.indexOf(":");
    if (colon >= 0) out.push(userinfo.slice(colon + 1));
  }
  for (const match of value.matchAll(WEBHOOK_PATH)) out.push(match[2] as string);
  for (const match of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s/?#]*([^\s?#]*)(\?[^\s#]*)?/gi)) {
    for (const segment of (match[1] ?? "").split("/")) {
      if (TOKEN_SEGMENT.test(segment)) out.push(segment);
    }
    for (const pair of (match[2] ?? "").slice(1).split("&")) {
      const eq = pair.indexOf("=");
      const v = eq >= 0 ? pair.slice(eq + 1) : "";
      if (v.length >= MIN_SECRET_LENGTH) out.push(v, decodeOrSelf(v));
    }
  }
  return out;
}

/**
 * A secret may also appear percent-encoded (in URLs uv prints, with upper- or lower-case hex), JSON-escaped,
 * base64 (Basic auth headers, config dumps), hex, or with its case changed.
 */
function expandEncodings(values: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    const bytes = Buffer.from(v, "utf8");
    const encoded = encodeURIComponent(v);
    const base64 = bytes.toString("base64");
    for (const form of [
      v,
      v.toUpperCase(),
      v.toLowerCase(),
      encoded,
      encoded.replace(/%[0-9A-F]{2}/g, (x) => x.toLowerCase()),
      JSON.stringify(v).slice(1, -1),
      base64,
      base64.replace(/=+$/, ""),
      bytes.toString("base64url"),
      bytes.toString("hex"),
      bytes.toString("hex").toUpperCase(),
    ])
      out.add(form);
  }
  return out;
}

function decodeOrSelf(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === "string") return fn(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => mapStrings(item, fn)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a key named `__proto__` (a metric name) must stay a key.
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      Object.defineProperty(out, k, {
        value: mapStrings(v, fn),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out as T;
  }
  return value;
}
