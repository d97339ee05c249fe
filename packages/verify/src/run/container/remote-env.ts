import { FIXED_ENV } from "../fixed-env.js";

/**
 * Variables forwarded into the container with `--remote-env`, which puts them on the devcontainer CLI's and
 * docker's command lines: only the verifier's fixed determinism settings (FIXED_ENV: PYTHONHASHSEED, PYTHONUTF8,
 * thread counts, UV_LOCKED…). Host paths (PATH, HOME, caches, locales) would be wrong inside the container, and
 * secrets must never reach a command line; the container gets its own environment from devcontainer.json.
 */
const ALLOWED = new Set<string>([
  ...Object.keys(FIXED_ENV),
  "SOURCE_DATE_EPOCH",
  "PYTHONDONTWRITEBYTECODE",
]);
const THREADS = /^[A-Z][A-Z0-9_]*_NUM_THREADS$/;
/** Never forwarded, whatever the caller allows: the verifier's secret-name pattern plus URL-bearing settings. */
const SECRET_NAME =
  /(TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL|AUTH|COOKIE|SESSION|_URL$|^AWS_|^UV_INDEX)/i;

export function forwardedEnv(
  env: Readonly<Record<string, string>>,
  extraNames: readonly string[] = [],
): [string, string][] {
  const extra = new Set(extraNames);
  return Object.entries(env)
    .filter(
      ([name]) =>
        (ALLOWED.has(name) || THREADS.test(name) || extra.has(name)) && !SECRET_NAME.test(name),
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
