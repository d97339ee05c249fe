import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDevcontainer } from "../../src/check/devcontainer-static.js";
import { unpinnedFromLines } from "../../src/check/dockerfile-from.js";
import { FIXTURE_PROJECT, testdir } from "../helpers/project.js";

const DIGEST = "a".repeat(64);
const FEATURE = "ghcr.io/devcontainers/features/node:1.6.3";

/** A project with this devcontainer.json and lockfile (null: no lockfile; a string: written as is). */
async function project(config: Record<string, unknown>, lock: unknown = { features: {} }) {
  const dir = await testdir("devcontainer");
  await mkdir(path.join(dir, ".devcontainer"));
  await writeFile(
    path.join(dir, ".devcontainer", "devcontainer.json"),
    `// JSONC\n${JSON.stringify(config, null, 2)}\n`,
  );
  if (lock !== null) {
    await writeFile(
      path.join(dir, ".devcontainer", "devcontainer-lock.json"),
      typeof lock === "string" ? lock : JSON.stringify(lock),
    );
  }
  await writeFile(path.join(dir, ".gitattributes"), "* text=auto eol=lf\n");
  return dir;
}

const image = `mcr.microsoft.com/devcontainers/python:1-3.11-bookworm@sha256:${DIGEST}`;
const features = { [FEATURE]: {} };
const onCreateCommand = "python -m pip install uv==0.13.8 && python -m uv sync --locked";
const secrets = { KAGGLE_API_TOKEN: { description: "token" } };
const good = { image, features, onCreateCommand, secrets };
const goodLock = {
  features: {
    [FEATURE]: {
      version: "1.6.3",
      resolved: `ghcr.io/devcontainers/features/node@sha256:${"b".repeat(64)}`,
      integrity: `sha256:${"b".repeat(64)}`,
    },
  },
};

const rules = (findings: Awaited<ReturnType<typeof checkDevcontainer>>) =>
  findings.map((f) => `${f.file} ${f.key} ${f.rule}`);

describe("static devcontainer checks", () => {
  it("passes the fixture project's config (JSONC with comments and trailing commas, empty lock)", async () => {
    const dir = await testdir();
    await cp(path.join(FIXTURE_PROJECT, ".devcontainer"), path.join(dir, ".devcontainer"), {
      recursive: true,
    });
    await cp(path.join(FIXTURE_PROJECT, ".gitattributes"), path.join(dir, ".gitattributes"));
    expect(await checkDevcontainer(dir)).toEqual([]);
  });

  it("passes a config with a pinned, locked feature", async () => {
    expect(await checkDevcontainer(await project(good, goodLock))).toEqual([]);
  });

  it("names an image pinned by tag only", async () => {
    const findings = await checkDevcontainer(
      await project({ ...good, image: "mcr.microsoft.com/devcontainers/python:3.12" }, goodLock),
    );
    expect(rules(findings)).toEqual([".devcontainer/devcontainer.json image image-pinned"]);
    expect(findings[0]?.message).toContain("python:3.12");
  });

  it("names a feature missing from the lockfile, an unpinned feature, and a stale lock entry", async () => {
    const config = {
      ...good,
      features: { [FEATURE]: {}, "ghcr.io/devcontainers/features/git:1": {} },
    };
    const lock = {
      features: { ...goodLock.features, "ghcr.io/x/old:1.0.0": goodLock.features[FEATURE] },
    };
    expect(rules(await checkDevcontainer(await project(config, lock)))).toEqual([
      '.devcontainer/devcontainer-lock.json features["ghcr.io/devcontainers/features/git:1"] feature-locked',
      '.devcontainer/devcontainer-lock.json features["ghcr.io/x/old:1.0.0"] feature-locked',
      '.devcontainer/devcontainer.json features["ghcr.io/devcontainers/features/git:1"] feature-pinned',
    ]);
  });

  it("names a lock entry without integrity, and a missing or empty lockfile", async () => {
    const partial = { features: { [FEATURE]: { version: "1.6.3", resolved: "x" } } };
    expect(rules(await checkDevcontainer(await project(good, partial)))).toEqual([
      `.devcontainer/devcontainer-lock.json features["${FEATURE}"] feature-locked`,
    ]);
    expect(rules(await checkDevcontainer(await project(good, null)))).toEqual([
      ".devcontainer/devcontainer-lock.json (file) lockfile-present",
    ]);
    expect(rules(await checkDevcontainer(await project(good, "")))).toEqual([
      ".devcontainer/devcontainer-lock.json (file) lockfile-present",
    ]);
  });

  it("names --frozen, an unlocked uv sync, UV_FROZEN, and the absence of a locked sync", async () => {
    const config = {
      ...good,
      onCreateCommand: ["uv", "sync", "--frozen"],
      postCreateCommand: { deps: "uv sync", other: "echo hi" },
      containerEnv: { UV_FROZEN: "1" },
    };
    expect(rules(await checkDevcontainer(await project(config, goodLock)))).toEqual([
      ".devcontainer/devcontainer.json containerEnv.UV_FROZEN sync-locked",
      ".devcontainer/devcontainer.json onCreateCommand sync-locked",
      ".devcontainer/devcontainer.json onCreateCommand sync-locked",
      ".devcontainer/devcontainer.json onCreateCommand|updateContentCommand|postCreateCommand sync-locked",
      ".devcontainer/devcontainer.json postCreateCommand.deps sync-locked",
    ]);
  });

  it("names a missing KAGGLE_API_TOKEN secret", async () => {
    const findings = await checkDevcontainer(
      await project({ image, features, onCreateCommand }, goodLock),
    );
    expect(rules(findings)).toEqual([
      ".devcontainer/devcontainer.json secrets.KAGGLE_API_TOKEN secrets-declared",
    ]);
  });

  it("checks Dockerfile FROM lines when build is used", async () => {
    const dir = await project(
      { features, onCreateCommand, secrets, build: { dockerfile: "Dockerfile" } },
      goodLock,
    );
    await writeFile(
      path.join(dir, ".devcontainer", "Dockerfile"),
      `FROM python:3.12@sha256:${DIGEST} AS base\nFROM base\nFROM --platform=linux/amd64 \\\n  debian:bookworm AS tools\n`,
    );
    expect(rules(await checkDevcontainer(dir))).toEqual([
      ".devcontainer/Dockerfile FROM debian:bookworm (line 3) image-pinned",
    ]);
  });

  it("names a missing or CRLF-prone .gitattributes and a missing or broken devcontainer.json", async () => {
    const dir = await project(good, goodLock);
    await writeFile(path.join(dir, ".gitattributes"), "*.py text\n");
    expect(rules(await checkDevcontainer(dir))).toEqual([".gitattributes * eol-lf"]);
    await rm(path.join(dir, ".gitattributes"));
    expect(rules(await checkDevcontainer(dir))).toEqual([".gitattributes (file) eol-lf"]);
    await writeFile(path.join(dir, ".devcontainer", "devcontainer.json"), "{ not json");
    expect(rules(await checkDevcontainer(dir))).toContain(
      ".devcontainer/devcontainer.json (file) parse",
    );
    await rm(path.join(dir, ".devcontainer"), { recursive: true });
    expect(rules(await checkDevcontainer(dir))).toContain(
      ".devcontainer/devcontainer.json (file) present",
    );
  });

  it("accepts the shared template's devcontainer once rendered", async () => {
    const template = await readFile(
      new URL("../../../../templates/_shared/_devcontainer/devcontainer.json.hbs", import.meta.url),
      "utf8",
    );
    const rendered = template
      .replace(
        "{{devcontainerImage}}",
        `mcr.microsoft.com/devcontainers/python:1-3.11-bookworm@sha256:${DIGEST}`,
      )
      .replace(/\{\{\w+\}\}/g, "x");
    const dir = await project({});
    await writeFile(path.join(dir, ".devcontainer", "devcontainer.json"), rendered);
    expect(await checkDevcontainer(dir)).toEqual([]);
  });
});

describe("Dockerfile FROM parsing", () => {
  it("accepts digests, ARG digests, scratch and earlier stages", () => {
    const text = [
      `FROM a@sha256:${DIGEST} AS one`,
      "ARG D",
      "FROM b@sha256:${D}",
      "FROM one",
      "FROM scratch",
      "from c:latest",
    ].join("\n");
    expect(unpinnedFromLines(text).map((f) => f.image)).toEqual(["c:latest"]);
  });
});
