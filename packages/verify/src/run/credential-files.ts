import os from "node:os";
import path from "node:path";
import { getEnv } from "@ml-starter/fs-utils";
import { createRedactor, isSecretName, MIN_SECRET_LENGTH, type Redactor } from "./redact.js";
import { readRegularText } from "../read/safe-read.js";

const MAX_BYTES = 64 * 1024;

/**
 * Secrets kept in the Kaggle CLI's credential files, which a step (the template's `download`, or kaggle itself)
 * may print: the `key` of `kaggle.json`, the whole `access_token` file, the token fields of the cached OAuth
 * `credentials.json`. Looked up where the Kaggle CLI looks: `$KAGGLE_CONFIG_DIR`, `~/.kaggle`,
 * `$XDG_CONFIG_HOME/kaggle` (default `~/.config/kaggle`). Unreadable files are skipped.
 */
export async function credentialFileSecrets(
  env: Readonly<Record<string, string | undefined>>,
): Promise<string[]> {
  const home = getEnv(env, "HOME") ?? getEnv(env, "USERPROFILE") ?? os.homedir();
  const configDir = getEnv(env, "KAGGLE_CONFIG_DIR");
  const xdg = getEnv(env, "XDG_CONFIG_HOME") ?? path.join(home, ".config");
  const dirs = [
    ...(configDir ? [configDir] : []),
    path.join(home, ".kaggle"),
    path.join(xdg, "kaggle"),
  ];
  const out: string[] = [];
  for (const dir of dirs) {
    for (const name of ["access_token", "access_token.txt"]) {
      const text = await read(path.join(dir, name));
      if (text !== null && text.trim().length >= MIN_SECRET_LENGTH) out.push(text.trim());
    }
    for (const name of ["kaggle.json", "credentials.json"]) {
      const text = await read(path.join(dir, name));
      if (text !== null) out.push(...secretFields(text));
    }
  }
  return out;
}

/** The redactor of one run: the environment's secrets plus those in the Kaggle credential files. */
export async function runRedactor(
  env: Readonly<Record<string, string | undefined>>,
): Promise<Redactor> {
  return createRedactor(env, await credentialFileSecrets(env));
}

// --- internal ---

async function read(file: string): Promise<string | null> {
  return readRegularText(file, { label: file, maxBytes: MAX_BYTES }).catch(() => null);
}

/** `key`, and every string under a secret-looking name (`access_token`, `refresh_token`, …), at any depth. */
function secretFields(text: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const walk = (value: unknown, name: string) => {
    if (typeof value === "string") {
      if ((name === "key" || isSecretName(name)) && value.length > 0) out.push(value);
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, k);
    }
  };
  walk(json, "");
  return out;
}
