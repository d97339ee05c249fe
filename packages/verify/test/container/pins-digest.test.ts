// `update --pins` against a real registry (issue 17): the local registry's base image is pushed under a
// tag, a project is generated pinned to it, a newer image (the same rootfs with one more label) is pushed
// under the same tag, and `update --pins --no-relock` must change the pinned digest and nothing else.
import path from "node:path";
import { readFile, writeFile } from "node:fs/promises";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { createCli, environment, skip } from "../helpers/container-env.js";

const docker = async (args: readonly string[]) =>
  (await execa("docker", args, { stdin: "ignore" })).stdout.trim();
const create = (args: readonly string[], cwd: string) =>
  execa(process.execPath, [createCli, ...args], { cwd, stdin: "ignore", reject: false });

/** Pushes `ref` and returns the digest the registry reports for it. */
async function push(ref: string): Promise<string> {
  await docker(["push", ref]);
  const repoDigest = await docker(["inspect", "--format", "{{index .RepoDigests 0}}", ref]);
  return repoDigest.slice(repoDigest.indexOf("@") + 1);
}

describe.skipIf(skip)("update --pins against the local image registry", () => {
  let temp: TempDir;
  let project: string;
  let tagRef: string;
  let oldDigest: string;
  let newDigest: string;
  const git = (...args: string[]) => execa("git", args, { cwd: project, stdin: "ignore" });

  beforeAll(async () => {
    if (!environment.available) throw new Error(`no container environment: ${environment.reason}`);
    temp = await tempDirWithSpaces("ml starter pins");
    const base = environment.imageRef;
    tagRef = `${base.slice(0, base.indexOf("/"))}/ml-starter/pins-test:3.11-${Date.now()}`;
    await docker(["pull", base]);
    await docker(["tag", base, tagRef]);
    oldDigest = await push(tagRef);
    project = path.join(temp.path, "pins-demo");
    const made = await create(
      [
        project,
        "--archetype",
        "classification",
        "--no-interactive",
        "--no-install",
        "--devcontainer-image",
        `${tagRef}@${oldDigest}`,
      ],
      temp.path,
    );
    expect(made.exitCode, made.stderr).toBe(0);
    // The newer image: the same layers and one more label, so it has a different manifest digest.
    const container = await docker(["create", tagRef]);
    await docker([
      "commit",
      "--change",
      `LABEL ml-starter.pins-test=${Date.now()}`,
      container,
      tagRef,
    ]);
    await docker(["rm", container]);
    newDigest = await push(tagRef);
  }, 600_000);

  afterAll(async () => {
    await docker(["image", "rm", tagRef]).catch(() => undefined);
    await temp?.cleanup();
  });

  it("pushed two different digests under one tag", () => {
    expect(oldDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(newDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(newDigest).not.toBe(oldDigest);
  });

  it("changes the pinned digest in devcontainer.json and no other file", async () => {
    const file = path.join(project, ".devcontainer", "devcontainer.json");
    const before = await readFile(file, "utf8");
    const result = await create(["update", "--pins", "--no-relock"], project);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain(`${tagRef}@${newDigest}`);
    expect((await git("status", "--porcelain", "--untracked-files=all")).stdout.trim()).toBe(
      "M .devcontainer/devcontainer.json",
    );
    expect(await readFile(file, "utf8")).toBe(before.replace(oldDigest, newDigest));
    // devcontainer-lock.json locks features only (the template has none): it stays byte for byte.
    expect((await git("diff", "--stat", "--", ".devcontainer/devcontainer-lock.json")).stdout).toBe(
      "",
    );
  });

  it("a tag the registry does not have: exit 3, one line, nothing written", async () => {
    await git("checkout", "--", ".");
    const file = path.join(project, ".devcontainer", "devcontainer.json");
    const text = await readFile(file, "utf8");
    const missing = text.replace(`${tagRef}@`, `${tagRef}-gone@`);
    await writeFile(file, missing);
    await git("-c", "user.name=T", "-c", "user.email=t@example.invalid", "commit", "-qam", "gone");
    const result = await create(["update", "--pins", "--no-relock"], project);
    expect(result.exitCode).toBe(3);
    expect(result.stderr.trim().split("\n")[0]).toMatch(
      /does not exist in the registry; nothing was changed/,
    );
    expect((await git("status", "--porcelain")).stdout.trim()).toBe("");
  });
});
