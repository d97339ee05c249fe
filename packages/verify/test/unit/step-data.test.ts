// The per-step source fingerprint: what it covers, and that it reads nothing outside the project.
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFingerprint } from "../../src/check/step-data.js";
import { testdir } from "../helpers/project.js";

async function project(files: Record<string, string>): Promise<string> {
  const dir = await testdir("step data");
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

describe("sourceFingerprint", () => {
  it("is null without src/ and tests/, and follows paths and contents, not line endings", async () => {
    expect(await sourceFingerprint(await project({ "README.md": "x\n" }))).toBeNull();
    const lf = await sourceFingerprint(
      await project({ "src/a.py": "x = 1\n", "tests/t.py": "y\n" }),
    );
    const crlf = await sourceFingerprint(
      await project({ "src/a.py": "x = 1\r\n", "tests/t.py": "y\r\n" }),
    );
    expect(lf).toMatch(/^[0-9a-f]{64}$/);
    expect(crlf).toBe(lf);
    expect(
      await sourceFingerprint(await project({ "src/b.py": "x = 1\n", "tests/t.py": "y\n" })),
    ).not.toBe(lf);
    expect(
      await sourceFingerprint(await project({ "src/a.py": "x = 2\n", "tests/t.py": "y\n" })),
    ).not.toBe(lf);
  });

  it.skipIf(process.platform === "win32")(
    "hashes a symlink out of the project as refused, never its target",
    async () => {
      const outside = await project({ "secret.txt": "one\n" });
      const dir = await project({ "src/a.py": "x\n" });
      await symlink(path.join(outside, "secret.txt"), path.join(dir, "src", "link.py"));
      const first = await sourceFingerprint(dir);
      await writeFile(path.join(outside, "secret.txt"), "two\n");
      expect(await sourceFingerprint(dir)).toBe(first);
    },
  );
});
