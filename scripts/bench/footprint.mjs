// What a user downloads: the scaffolder published to a Verdaccio on 127.0.0.1 (the same pinned Verdaccio and
// helper as the registry e2e suite), installed with npm into an empty folder, and cold `npx … --version`.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { median, timed } from "./measure.mjs";

/** Workspace package name → folder. */
function workspacePackages(root) {
  const byName = new Map();
  for (const dir of readdirSync(path.join(root, "packages"))) {
    const file = path.join(root, "packages", dir, "package.json");
    try {
      byName.set(JSON.parse(readFileSync(file, "utf8")).name, path.dirname(file));
    } catch {
      // not a package folder
    }
  }
  return byName;
}

/** `name` and the workspace packages its runtime `dependencies` reach: what must be published for it to install. */
function toPublish(name, workspace, seen = new Set()) {
  if (seen.has(name) || !workspace.has(name)) return seen;
  seen.add(name);
  const deps =
    JSON.parse(readFileSync(path.join(workspace.get(name), "package.json"), "utf8")).dependencies ??
    {};
  for (const dep of Object.keys(deps)) toPublish(dep, workspace, seen);
  return seen;
}

/** Every installed package (node_modules/<name>, node_modules/@scope/<name>, nested ones too) with its bytes. */
function installedPackages(nodeModules, out = []) {
  let entries;
  try {
    entries = readdirSync(nodeModules, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith("."))) {
    const dirs = entry.name.startsWith("@")
      ? readdirSync(path.join(nodeModules, entry.name)).map((n) =>
          path.join(nodeModules, entry.name, n),
        )
      : [path.join(nodeModules, entry.name)];
    for (const dir of dirs) {
      out.push({
        name: path.relative(nodeModules, dir).split(path.sep).join("/"),
        bytes: treeBytes(dir, "node_modules"),
      });
      installedPackages(path.join(dir, "node_modules"), out);
    }
  }
  return out;
}

function treeBytes(dir, skip) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === skip) continue;
    const p = path.join(dir, entry.name);
    total += entry.isDirectory() ? treeBytes(p, undefined) : statSync(p).size;
  }
  return total;
}

/** Publishes, installs and times cold npx; returns the figures and the installed bin for the start-up runs. */
export async function measureFootprint({ root, work, runs }) {
  const utils = await import(path.join(root, "packages/test-utils/dist/index.js"));
  const tool = {
    toolDir: path.join(root, "packages/repo-checks/tools/verdaccio"),
    cacheDir: path.join(root, "packages/repo-checks/node_modules/.cache/repo-checks-tools"),
  };
  const registry = await utils.startRegistry(path.join(work, "verdaccio"), tool);
  try {
    const workspace = workspacePackages(root);
    const names = [...toPublish("@ml-starter/create", workspace)];
    await utils.publishPackages(
      registry,
      names.map((n) => workspace.get(n)),
      work,
    );
    const npmEnv = (cache) => ({
      npm_config_registry: registry.url,
      npm_config_userconfig: registry.npmrc,
      npm_config_cache: path.join(work, cache),
      npm_config_update_notifier: "false",
      npm_config_audit: "false",
      npm_config_fund: "false",
    });
    const prefix = path.join(work, "install");
    await mkdir(prefix, { recursive: true });
    const installMs = timed("npm", ["install", "--prefix", prefix, "@ml-starter/create"], {
      env: npmEnv("install cache"),
    });
    const packages = installedPackages(path.join(prefix, "node_modules"));
    const npx = [];
    for (let i = 0; i < runs; i++) {
      const cwd = path.join(work, `npx-${i}`);
      await mkdir(cwd);
      // A new cache each run: nothing downloaded before (Verdaccio keeps what it proxied, as a mirror would).
      npx.push(
        timed("npx", ["--yes", "@ml-starter/create", "--version"], {
          cwd,
          env: npmEnv(`cold-cache-${i}`),
        }),
      );
    }
    return {
      published: names.sort(),
      packages: packages.length,
      bytes: packages.reduce((sum, p) => sum + p.bytes, 0),
      largest: packages
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 5)
        .map((p) => `${p.name} ${(p.bytes / 1e6).toFixed(2)} MB`),
      installMs: Math.round(installMs),
      npxColdMs: Math.round(median(npx)),
      bin: path.join(prefix, "node_modules/@ml-starter/create/dist/cli.js"),
    };
  } finally {
    await registry.stop();
  }
}
