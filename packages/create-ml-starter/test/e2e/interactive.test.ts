// The prompts on a real pseudo-terminal (util-linux `script`), as a person at a keyboard sees them.
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { BUILT_CLI } from "../built-cli.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("interactive");
});
afterEach(async () => tmp.cleanup());

/** Runs the CLI under a pty; `script` answers each `when` text seen on screen with `send`. */
function onTerminal(args: string[], answers: Array<{ when: string; send: string }>) {
  const command = [process.execPath, BUILT_CLI, ...args]
    .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
    .join(" ");
  const child = spawn("script", ["-qfec", command, "/dev/null"], {
    cwd: tmp.path,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let screen = "";
  let next = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    screen += chunk.toString();
    const answer = answers[next];
    if (answer && screen.includes(answer.when)) {
      next += 1;
      setTimeout(() => child.stdin.write(answer.send), 150);
    }
  });
  return new Promise<{ code: number | null; screen: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, screen })),
  );
}

describe.skipIf(process.platform === "win32")("interactive prompts on a terminal", () => {
  it("asks for the archetype and the name, then creates the project", async () => {
    const down = "\u001b[B";
    const { code, screen } = await onTerminal(
      ["--no-install", "--no-git"],
      [
        { when: "Competition archetype", send: `${down}\r` },
        { when: "Competition (from the catalog)", send: "\r" },
        { when: "Project name", send: "\r" },
      ],
    );
    expect(code, screen).toBe(0);
    expect(await readdir(tmp.path)).toEqual(["titanic-starter"]);
    const projectFile = JSON.parse(
      await readFile(path.join(tmp.path, "titanic-starter", "ml-starter.json"), "utf8"),
    ) as { template: { id: string } };
    expect(projectFile.template.id).toBe("classification");
    expect(
      await readFile(path.join(tmp.path, "titanic-starter", "competition.toml"), "utf8"),
    ).toMatch(/^slug = "titanic"$/m);
  });

  it("offers the archetype's catalog, its default first, and writes the chosen competition", async () => {
    const down = "\u001b[B";
    const { code, screen } = await onTerminal(
      ["my-comp", "-a", "classification", "--no-install", "--no-git"],
      [{ when: "Competition (from the catalog)", send: `${down}\r` }],
    );
    expect(code, screen).toBe(0);
    expect(screen).toContain(
      "Titanic - Machine Learning from Disaster (titanic), the archetype's default",
    );
    // The second choice: the first classification entry by slug after the canonical one.
    expect(await readFile(path.join(tmp.path, "my-comp", "competition.toml"), "utf8")).toMatch(
      /^slug = "forest-cover-type-prediction"$/m,
    );
  });

  it("re-asks with the rule when a typed name is invalid", async () => {
    const { code, screen } = await onTerminal(
      ["-a", "classification", "--no-install", "--no-git"],
      [
        { when: "Competition (from the catalog)", send: "\r" },
        { when: "Project name", send: "\u0015class\r" },
        { when: "Python keyword", send: "\u0015\u0017\u0017kaggle-fun\r" },
      ],
    );
    expect(code, screen).toBe(0);
    expect(await readdir(tmp.path)).toEqual(["kaggle-fun"]);
  });

  it("Ctrl-C at a prompt exits 130 and writes nothing", async () => {
    const { code, screen } = await onTerminal(
      [],
      [{ when: "Competition archetype", send: "\u0003" }],
    );
    expect(code).toBe(130);
    expect(screen).toMatch(/Interrupted; nothing was created/);
    expect(await readdir(tmp.path)).toEqual([]);
  });

  it("--from-data shows the inferred profile; the user changes the metric, then accepts", async () => {
    const down = "\u001b[B";
    const data = fileURLToPath(new URL("../fixtures/sklearn/breast-cancer", import.meta.url));
    const { code, screen } = await onTerminal(
      ["proj", "--from-data", data, "--no-install", "--no-git"],
      [
        { when: "Use this profile?", send: "n\r" },
        { when: "Change which field?", send: `${down}${down}${down}\r` },
        { when: "Metric", send: `${down}\r` },
        { when: 'name = "roc_auc"', send: "y\r" },
      ],
    );
    expect(code, screen).toBe(0);
    expect(screen).toContain('name = "accuracy"'); // the inferred default, shown first
    const toml = await readFile(path.join(tmp.path, "proj", "competition.toml"), "utf8");
    expect(toml).toContain('[metric]\nname = "roc_auc"');
  });

  it('"my own data" in the picker infers the profile; the review changes the CV scheme and its column', async () => {
    const [up, down] = ["\u001b[A", "\u001b[B"];
    const data = fileURLToPath(new URL("../fixtures/sklearn/diabetes", import.meta.url));
    const { code, screen } = await onTerminal(
      ["proj", "--no-install", "--no-git"],
      [
        { when: "Competition archetype", send: `${down}\r` }, // classification
        { when: "Competition (from the catalog)", send: `${up}\r` }, // the last choice
        { when: "Folder (or train file)", send: `${data}\r` },
        { when: "Use this profile?", send: "n\r" },
        { when: "Change which field?", send: `${down}${down}${down}${down}\r` },
        { when: "Validation scheme", send: `${down}\r` }, // regression: kfold, group_kfold, time_split
        { when: "Group column", send: `${down}${down}\r` }, // id, age, sex
        { when: "Number of folds", send: "\u00153\r" },
        { when: 'scheme = "group_kfold"', send: "y\r" },
      ],
    );
    expect(code, screen).toBe(0);
    expect(screen).toContain("My own data");
    // The data decides the archetype: diabetes is a regression task.
    expect(screen).toContain(
      "regression task: using the regression archetype instead of classification",
    );
    const projectFile = JSON.parse(
      await readFile(path.join(tmp.path, "proj", "ml-starter.json"), "utf8"),
    ) as { template: { id: string } };
    expect(projectFile.template.id).toBe("regression");
    const toml = await readFile(path.join(tmp.path, "proj", "competition.toml"), "utf8");
    expect(toml).toMatch(
      /\[validation\]\nscheme = "group_kfold"\nfolds = 3\nseed = 0\ngroup = "sex"\n/,
    );
    expect(toml).toMatch(/^target = \[ "progression" \]$/m);
    expect(await readdir(path.join(tmp.path, "proj", "data", "raw"))).toContain("train.csv");
  });
});
