// `update --pins` against a registry speaking the distribution API over real HTTP on 127.0.0.1: it asks for
// an anonymous pull token first (as public registries do), and the test moves the tag between runs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PinsReportSchema } from "@ml-starter/schema";
import { run, tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, EXIT_CODES, MlStarterError } from "../../src/index.js";
import {
  currentDigest,
  parseChallenge,
  parseImageRef,
} from "../../src/update/pins/image-digest.js";
import { runPins } from "../../src/update/pins/run-pins.js";
import { REPO_CATALOG, REPO_TEMPLATES } from "../repo-templates.js";

const OLD = `sha256:${"a".repeat(64)}`;
const NEW = `sha256:${"b".repeat(64)}`;
const TOKEN = "anon-token";
const tags = new Map<string, string>();
const tokenScopes: string[] = [];
let server: Server;
let host: string;
let tmp: TempDir;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/token") {
      tokenScopes.push(url.searchParams.get("scope") ?? "");
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ token: TOKEN }));
      return;
    }
    const match = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.statusCode = 401;
      res.setHeader(
        "www-authenticate",
        `Bearer realm="http://${host}/token",service="test",scope="repository:${match?.[1] ?? ""}:pull"`,
      );
      res.end();
      return;
    }
    const digest = match ? tags.get(`${match[1]}:${match[2]}`) : undefined;
    res.statusCode = digest ? 200 : 404;
    if (digest) res.setHeader("docker-content-digest", digest);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  tmp = await tempDirWithSpaces("update pins");
});
afterAll(async () => {
  server.close();
  await tmp.cleanup();
});

/** A committed classification project (git, no install) in the temp dir. */
const generate = async (name: string, devcontainerImage?: string) =>
  (
    await createProject({
      templatesRoot: REPO_TEMPLATES,
      catalogRoot: REPO_CATALOG,
      archetype: "classification",
      targetDir: path.join(tmp.path, name),
      git: true,
      install: false,
      ...(devcontainerImage ? { devcontainerImage } : {}),
    })
  ).targetDir;

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as MlStarterError,
  );

describe("image digest client", () => {
  it("parses the token challenge and a registry reference", () => {
    expect(
      parseChallenge('Bearer realm="https://r/t",service="s",scope="repository:a/b:pull"'),
    ).toEqual({ realm: "https://r/t", service: "s", scope: "repository:a/b:pull" });
    expect(parseChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseImageRef(`localhost:5000/dev/python:3.11@${OLD}`)).toEqual({
      registry: "localhost:5000",
      name: "dev/python",
      tag: "3.11",
      digest: OLD,
    });
    expect(() => parseImageRef(`dev/python:3.11@${OLD}`)).toThrow(/names no registry host/);
    expect(() => parseImageRef(`localhost:5000/dev/python@${OLD}`)).toThrow(/has no tag/);
  });

  it("reads the tag's digest through the anonymous token flow", async () => {
    tags.set("dev/python:3.11", NEW);
    expect(await currentDigest(parseImageRef(`${host}/dev/python:3.11`))).toBe(NEW);
    expect(tokenScopes.at(-1)).toBe("repository:dev/python:pull");
  });

  it("a missing tag is one line, exit 3", async () => {
    const error = await errorOf(currentDigest(parseImageRef(`${host}/dev/python:9.99`)));
    expect(error).toBeInstanceOf(MlStarterError);
    expect(error!.code).toBe("UPDATE_SOURCE_UNAVAILABLE");
    expect(EXIT_CODES[error!.code]).toBe(3);
    expect(error!.message).toMatch(
      /^Tag 9\.99 of .* does not exist in the registry; nothing was changed\.$/,
    );
  });
});

describe("update --pins in a generated project", () => {
  let project: string;
  const git = (...args: string[]) => run("git", args, { cwd: project });
  const out: string[] = [];
  const io = () => ({ out: (line: string) => out.push(line), cwd: project });

  beforeAll(async () => {
    tags.set("dev/python:3.11", OLD);
    project = await generate("demo", `${host}/dev/python:3.11@${OLD}`);
  });

  it("with the tag unmoved, changes nothing", async () => {
    expect(await runPins(["--pins", "--no-relock"], io())).toBe(0);
    expect((await git("status", "--porcelain")).stdout).toBe("");
    expect(out.at(-1)).toBe("Refreshed pins: 0 change(s).");
  });

  it("a missing tag fails with exit 3 and writes nothing", async () => {
    tags.delete("dev/python:3.11");
    const error = await errorOf(runPins(["--pins", "--no-relock"], io()));
    expect(error?.code).toBe("UPDATE_SOURCE_UNAVAILABLE");
    expect((await git("status", "--porcelain")).stdout).toBe("");
  });

  it("--dry-run --json reports the new digest and writes nothing", async () => {
    tags.set("dev/python:3.11", NEW);
    out.length = 0;
    expect(await runPins(["--pins", "--no-relock", "--dry-run", "--json"], io())).toBe(0);
    expect(PinsReportSchema.parse(JSON.parse(out.join("\n")))).toEqual({
      dryRun: true,
      excludeNewer: null,
      changes: [
        {
          pin: "image",
          file: ".devcontainer/devcontainer.json",
          from: `${host}/dev/python:3.11@${OLD}`,
          to: `${host}/dev/python:3.11@${NEW}`,
        },
      ],
    });
    expect((await git("status", "--porcelain")).stdout).toBe("");
  });

  it("after the tag moves, the digest is the only change in the project", async () => {
    const before = await readFile(path.join(project, ".devcontainer", "devcontainer.json"), "utf8");
    expect(await runPins(["--pins", "--no-relock"], io())).toBe(0);
    expect((await git("diff", "--name-only")).stdout.trim()).toBe(
      ".devcontainer/devcontainer.json",
    );
    expect((await git("status", "--porcelain", "--untracked-files=all")).stdout.trim()).toBe(
      "M .devcontainer/devcontainer.json",
    );
    const after = await readFile(path.join(project, ".devcontainer", "devcontainer.json"), "utf8");
    expect(after).toBe(before.replace(OLD, NEW));
  });

  it("refuses a dirty tree (the change just made is uncommitted)", async () => {
    const error = await errorOf(runPins(["--pins", "--no-relock"], io()));
    expect(error?.code).toBe("DIRTY_TREE");
  });

  it("rejects a bad --cooldown as a usage error", async () => {
    const error = await errorOf(runPins(["--pins", "--cooldown", "week"], io()));
    expect(error?.code).toBe("INVALID_OPTION");
    expect(EXIT_CODES[error!.code]).toBe(2);
  });
});

// Real uv against the configured package index: the cooldown relock keeps a dependency the user added.
describe("update --pins relock", () => {
  let project: string;
  const git = (...args: string[]) => run("git", args, { cwd: project });
  const uv = (...args: string[]) => run("uv", args, { cwd: project, timeout: 240_000 });

  beforeAll(async () => {
    project = await generate("relock");
    expect((await uv("add", "--frozen", "six")).exitCode).toBe(0);
    expect((await uv("lock")).exitCode).toBe(0);
    await git("-c", "user.name=T", "-c", "user.email=t@example.invalid", "commit", "-qam", "six");
  }, 300_000);

  it("relocks with exclude-newer = now − cooldown, the user's dependency kept, uv lock --check green", async () => {
    const now = new Date();
    const out: string[] = [];
    const pyproject = await readFile(path.join(project, "pyproject.toml"), "utf8");
    expect(
      await runPins(
        ["--pins", "--no-image", "--cooldown", "3", "--json"],
        { out: (l) => out.push(l), cwd: project },
        now,
      ),
    ).toBe(0);
    const report = JSON.parse(out.join("\n")) as {
      excludeNewer: string;
      changes: { file: string }[];
    };
    expect(Date.parse(report.excludeNewer)).toBe(
      Math.floor((now.getTime() - 3 * 86_400_000) / 1000) * 1000,
    );
    for (const change of report.changes) expect(change.file).toBe("uv.lock");
    const lock = await readFile(path.join(project, "uv.lock"), "utf8");
    expect(lock).toContain('name = "six"');
    expect(lock).not.toContain("exclude-newer");
    expect(await readFile(path.join(project, "pyproject.toml"), "utf8")).toBe(pyproject);
    expect((await uv("lock", "--check")).exitCode).toBe(0);
    const changed = (await git("status", "--porcelain", "--untracked-files=all")).stdout.trim();
    expect(changed === "" || changed === "M uv.lock").toBe(true);
  }, 300_000);
});

// Real uv against the configured package index: the hashes come from `uv pip compile --generate-hashes`.
describe("update --pins --uv", () => {
  let project: string;
  const git = (...args: string[]) => run("git", args, { cwd: project });
  const pins = (...args: string[]) =>
    runPins(["--pins", "--no-relock", "--no-image", ...args], {
      out: () => undefined,
      cwd: project,
    });
  const textFiles = async () =>
    (await git("ls-files")).stdout.split("\n").filter((f) => f && f !== "uv.lock");

  beforeAll(async () => {
    project = await generate("uv-bump");
  });

  it("an unpublished version or a malformed one changes nothing (exit 3, exit 2)", async () => {
    const unpublished = await errorOf(pins("--uv", "0.0.999"));
    expect(unpublished?.code).toBe("UPDATE_SOURCE_UNAVAILABLE");
    expect((await errorOf(pins("--uv", "latest")))?.code).toBe("INVALID_OPTION");
    expect((await git("status", "--porcelain")).stdout).toBe("");
  });

  it("moves every pin of uv's version, hashes included, and leaves no old one behind", async () => {
    const req = path.join(project, ".devcontainer", "uv-requirements.txt");
    const from = /^uv==(\S+)/m.exec(await readFile(req, "utf8"))![1]!;
    const [major, minor, patch] = from.split(".").map(Number) as [number, number, number];
    // The previous patch of the same series: published, and a bump within the series.
    const to = `${major}.${minor}.${patch - 1}`;
    expect(await pins("--uv", to)).toBe(0);
    const text = await readFile(req, "utf8");
    expect(text).toMatch(new RegExp(`^uv==${to.replace(/\./g, "\\.")} \\\\$`, "m"));
    expect(text.match(/--hash=sha256:[0-9a-f]{64}/g)!.length).toBeGreaterThan(5);
    const stale: string[] = [];
    for (const file of await textFiles())
      if ((await readFile(path.join(project, file), "utf8")).includes(from)) stale.push(file);
    expect(stale).toEqual([]);
    const changed = (await git("diff", "--name-only")).stdout.trim().split("\n").sort();
    expect(changed).toEqual([
      ".devcontainer/uv-requirements.txt",
      ".github/workflows/check-update.yml",
      ".github/workflows/verify.yml",
      "ml-starter.json",
      "pyproject.toml",
    ]);
  });
});
