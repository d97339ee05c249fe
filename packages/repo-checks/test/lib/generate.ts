import os from "node:os";
import path from "node:path";
import { mkdir } from "node:fs/promises";
import { BUILT_CLI } from "./paths.js";
import { run } from "@ml-starter/test-utils";
import type { ForbiddenString } from "./tree-lint.js";

/** Canary identity for the generator's environment: if any of it shows up in a file, the file leaks it. */
export const CANARY_USER = "mlstartercanaryuser";

/** Names too common to search for as substrings (they occur in ordinary text): the canary covers them. */
const GENERIC_NAMES = new Set([
  "root",
  "runner",
  "runneradmin",
  "user",
  "admin",
  "administrator",
  "ubuntu",
  "vscode",
  "localhost",
  "vm",
  "codespace",
]);

export interface Generated {
  dir: string;
  /** The environment the CLI ran with (canary HOME/USER). */
  home: string;
  /** What the CLI printed (stdout and stderr, interleaved). */
  output: string;
}

/**
 * Runs the built CLI exactly as a user would (non-interactive, no install, no git) with fixed inputs:
 * the project directory is `<parent>/<id>-project`, and HOME/USER point at canaries under `parent`.
 */
export async function generate(parent: string, id: string): Promise<Generated> {
  const home = path.join(parent, "canary home");
  await mkdir(home, { recursive: true });
  const dir = path.join(parent, `${id}-project`);
  const result = await run(
    process.execPath,
    [BUILT_CLI, dir, "--archetype", id, "--no-interactive", "--no-install", "--no-git"],
    {
      cwd: parent,
      env: {
        HOME: home,
        USERPROFILE: home,
        USER: CANARY_USER,
        USERNAME: CANARY_USER,
        LOGNAME: CANARY_USER,
        // As `npm create` / `npx` would start it, whatever started the tests (pnpm sets its own).
        npm_config_user_agent: "npm/11.19.1 node/v20.20.2 linux x64 workspaces/false",
      },
      timeout: 120_000,
    },
  );
  if (result.exitCode !== 0)
    throw new Error(`create-ml-starter ${id} exited ${result.exitCode}:\n${result.all}`);
  return { dir, home, output: String(result.all) };
}

/** Path spellings a leak could use: native, forward-slash, and (on Windows) backslash-escaped in JSON. */
function spellings(p: string): string[] {
  const forward = p.split(path.sep).join("/");
  const set = new Set([p, forward, p.replace(/\\/g, "\\\\")]);
  return [...set].filter((s) => s.length > 1);
}

/**
 * What no generated file may contain: the temp dir and canary home (absolute paths the CLI saw), the
 * repo checkout, the canary username, and the real home, username and hostname when they are
 * distinctive enough to search for (the canaries stand in for the generic ones).
 */
export function leakStrings(parent: string, home: string, repoRoot: string): ForbiddenString[] {
  const out: ForbiddenString[] = [];
  const add = (label: string, p: string) => {
    for (const value of spellings(p)) out.push({ label, value });
  };
  add("temp dir", parent);
  add("canary home", home);
  // The real home only when distinctive (`/root` or `/home/runner` also name paths inside containers).
  const realHome = os.homedir();
  if (!GENERIC_NAMES.has(path.basename(realHome).toLowerCase())) add("home directory", realHome);
  add("repo checkout", repoRoot.replace(/[\\/]+$/, ""));
  out.push({ label: "username (canary)", value: CANARY_USER });
  const user = os.userInfo().username;
  if (user.length >= 4 && !GENERIC_NAMES.has(user.toLowerCase()))
    out.push({ label: "username", value: user });
  const host = os.hostname();
  if (host.length >= 4 && !GENERIC_NAMES.has(host.toLowerCase()))
    out.push({ label: "hostname", value: host });
  return out;
}

/** Today's date in UTC and local time (a generation stamp would contain one of them). */
export function todayStrings(now = new Date()): string[] {
  const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  return [...new Set([now.toISOString().slice(0, 10), local])];
}
