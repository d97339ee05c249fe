// A real npm registry for the tests and `pnpm bench`: Verdaccio on 127.0.0.1, our scope served only from
// its own storage, everything else proxied to the registry npm is configured with (read at run time).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { execa } from "execa";
import { run } from "./run-command.js";

/** Where Verdaccio's locked package.json lives, and where its install is kept between runs. */
export interface VerdaccioTool {
  /** Folder holding the package.json and package-lock.json that pin Verdaccio. */
  toolDir: string;
  cacheDir: string;
}

/** Installs the locked Verdaccio once per lockfile (npm ci into the tool cache). */
export async function verdaccioBin({ toolDir, cacheDir }: VerdaccioTool): Promise<string> {
  const lock = readFileSync(path.join(toolDir, "package-lock.json"));
  const dir = path.join(
    cacheDir,
    `verdaccio-${createHash("sha256").update(lock).digest("hex").slice(0, 12)}`,
  );
  const bin = path.join(dir, "node_modules", "verdaccio", "bin", "verdaccio");
  if (existsSync(bin)) return bin;
  await mkdir(dir, { recursive: true });
  for (const f of ["package.json", "package-lock.json"])
    await copyFile(path.join(toolDir, f), path.join(dir, f));
  const ci = await run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: dir,
    timeout: 300_000,
  });
  if (ci.exitCode !== 0) throw new Error(`npm ci of Verdaccio failed:\n${ci.all}`);
  return bin;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export interface Registry {
  url: string;
  /** An npm user config holding the publish token (and nothing else). */
  npmrc: string;
  stop: () => Promise<void>;
  pid: number;
}

/** The registry npm uses now (the uplink); never written into a file we commit. */
async function upstreamRegistry(): Promise<string> {
  const r = await run("npm", ["config", "get", "registry"]);
  return r.stdout.trim();
}

function config(storage: string, uplink: string): string {
  return [
    `storage: ${JSON.stringify(storage)}`,
    "auth:",
    "  htpasswd:",
    `    file: ${JSON.stringify(path.join(storage, "htpasswd"))}`,
    "    max_users: 10",
    "uplinks:",
    "  upstream:",
    `    url: ${JSON.stringify(uplink)}`,
    "    timeout: 60s",
    "packages:",
    // Our scope exists only here: a name we do not own can never be fetched in its place.
    "  '@ml-starter/*':",
    "    access: $all",
    "    publish: $authenticated",
    "  '**':",
    "    access: $all",
    "    proxy: upstream",
    "log: { type: stdout, format: pretty, level: warn }",
    "",
  ].join("\n");
}

/** Starts Verdaccio in `dir` and registers a publishing user. */
export async function startRegistry(dir: string, tool: VerdaccioTool): Promise<Registry> {
  const bin = await verdaccioBin(tool);
  const storage = path.join(dir, "storage");
  await mkdir(storage, { recursive: true });
  const configFile = path.join(dir, "config.yaml");
  await writeFile(configFile, config(storage, await upstreamRegistry()));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const child = execa(
    process.execPath,
    [bin, "--config", configFile, "--listen", `127.0.0.1:${port}`],
    {
      reject: false,
      stdin: "ignore",
      cleanup: true,
    },
  );
  let exited = false;
  void child.then(() => (exited = true));
  const stop = async () => {
    if (!exited) child.kill("SIGTERM");
    await child;
  };
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited)
        throw new Error(
          `Verdaccio exited early:\n${String((await child).all ?? (await child).stdout)}`,
        );
      const ok = await fetch(`${url}-/ping`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error("Verdaccio did not answer /-/ping within 60 s");
      await new Promise((r) => setTimeout(r, 250));
    }
    const res = await fetch(`${url}-/user/org.couchdb.user:tester`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "tester",
        password: "tester-password",
        email: "tester@example.invalid",
      }),
    });
    const { token } = (await res.json()) as { token?: string };
    if (!res.ok || !token) throw new Error(`Verdaccio refused the test user: HTTP ${res.status}`);
    const npmrc = path.join(dir, "npmrc");
    await writeFile(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, npmrc, stop, pid: child.pid ?? -1 };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Packs each package with pnpm (which rewrites `workspace:` ranges to real versions, as a release does) and
 * publishes the tarballs to `registry`. Returns the tarball paths, sorted.
 */
export async function publishPackages(
  registry: Registry,
  packageDirs: readonly string[],
  workDir: string,
): Promise<string[]> {
  const tarballs = path.join(workDir, "tarballs");
  await mkdir(tarballs, { recursive: true });
  for (const cwd of packageDirs) {
    const packed = await run("pnpm", ["pack", "--pack-destination", tarballs], { cwd });
    if (packed.exitCode !== 0) throw new Error(`pnpm pack failed in ${cwd}:\n${packed.all}`);
  }
  const files = (await readdir(tarballs)).filter((f) => f.endsWith(".tgz")).sort();
  for (const tgz of files) {
    const published = await run(
      "npm",
      [
        "publish",
        path.join(tarballs, tgz),
        "--userconfig",
        registry.npmrc,
        "--registry",
        registry.url,
      ],
      { env: { npm_config_cache: path.join(workDir, "publish cache") } },
    );
    if (published.exitCode !== 0) throw new Error(`npm publish ${tgz} failed:\n${published.all}`);
  }
  return files.map((f) => path.join(tarballs, f));
}
