// The lint rules on small trees (fast); the same function runs over the packed tarball and over
// generated projects (and mutated copies of them) in the e2e tests.
import os from "node:os";
import path from "node:path";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import {
  checkSnapshot,
  diffManifests,
  formatManifest,
  manifestOf,
  parseManifest,
} from "../lib/manifest.js";
import { commandProblem, documentedCommands } from "../lib/readme-commands.js";
import { lintEntries, lintTree, type LintRule, type TreeEntry } from "../lib/tree-lint.js";

const file = (p: string, text: string | Buffer, executable = false): TreeEntry => ({
  path: p,
  kind: "file",
  content: typeof text === "string" ? Buffer.from(text, "utf8") : text,
  executable,
});
const CLEAN: TreeEntry[] = [
  { path: "src", kind: "dir" },
  file("src/__init__.py", '"""A package."""\n'),
  file("pyproject.toml", '[project]\nname = "x"\n'),
  file(
    "uv.lock",
    'wheels = [{ url = "https://x/y.whl", upload-time = "2025-01-02T03:04:05.678Z" }]\n',
  ),
  file("data.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00])),
];
const rules = (entries: TreeEntry[], options = {}) =>
  lintEntries(entries, options).map((f) => [f.path, f.rule]);

describe("lintEntries", () => {
  it("passes a clean tree (binary files may hold CR bytes; uv.lock upload times are data)", () => {
    expect(lintEntries(CLEAN, { timestamps: true })).toEqual([]);
  });

  it.each<[string, TreeEntry[], Array<[string, LintRule]>]>([
    ["CRLF", [file("README.md", "a\r\nb\r\n")], [["README.md", "crlf"]]],
    ["a lone CR", [file("a.py", "x = 1\ry = 2\n")], [["a.py", "crlf"]]],
    [
      "invalid UTF-8",
      [file("a.txt", Buffer.from([0x61, 0xff, 0x62]))],
      [["a.txt", "invalid-utf8"]],
    ],
    ["a symlink", [{ path: "link", kind: "symlink" }], [["link", "symlink"]]],
    ["a hard link or device", [{ path: "dev", kind: "other" }], [["dev", "special-file"]]],
    ["CON", [file("src/CON", "")], [["src/CON", "windows-reserved-name"]]],
    ["aux.txt", [file("aux.txt", "")], [["aux.txt", "windows-reserved-name"]]],
    ["Com1.py", [file("Com1.py", "")], [["Com1.py", "windows-reserved-name"]]],
    ["a colon", [file("a:b", "")], [["a:b", "windows-invalid-character"]]],
    ["a trailing dot", [file("name.", "")], [["name.", "trailing-dot-or-space"]]],
    ["a trailing space", [file("dir /x", "")], [["dir /x", "trailing-dot-or-space"]]],
    ["a non-ASCII name", [file("café.py", "")], [["café.py", "non-ascii-path"]]],
    [
      "a 101-character path",
      [file(`${"a".repeat(98)}.py`, "")],
      [[`${"a".repeat(98)}.py`, "path-too-long"]],
    ],
    [
      "case-colliding files",
      [file("README.md", ""), file("Readme.md", "")],
      [["README.md", "case-collision"]],
    ],
    [
      "case-colliding directories",
      [file("Src/a.py", ""), file("src/b.py", "")],
      [["Src", "case-collision"]],
    ],
  ])("fails on %s", (_name, entries, expected) => {
    expect(rules(entries)).toEqual(expected);
  });

  it("fails on NFC/NFD twins (and on their non-ASCII names)", () => {
    const nfc = "caf\u00e9.py";
    const nfd = "cafe\u0301.py";
    expect(rules([file(nfc, ""), file(nfd, "")])).toEqual([
      [nfd, "non-ascii-path"],
      [nfd, "unicode-collision"],
      [nfc, "non-ascii-path"],
    ]);
  });

  it("fails on forbidden strings (absolute paths, usernames) in text and binary files", () => {
    const forbiddenStrings = [{ label: "temp dir", value: "/tmp/gen x" }];
    const entries = [
      file("a.json", '{"root": "/tmp/gen x/p"}\n'),
      file("b.png", Buffer.concat([Buffer.from([0]), Buffer.from("/tmp/gen x")])),
    ];
    expect(rules(entries, { forbiddenStrings })).toEqual([
      ["a.json", "forbidden-string"],
      ["b.png", "forbidden-string"],
    ]);
  });

  it("fails on generation timestamps but not on dates without a time", () => {
    const entries = [
      file("a.md", "Generated 2026-11-25T02:44:10Z\n"),
      file("b.md", "at 2026-11-25 02:44\n"),
      file("c.md", "week 2020-09-16…22\n"),
    ];
    expect(rules(entries, { timestamps: true })).toEqual([
      ["a.md", "timestamp"],
      ["b.md", "timestamp"],
    ]);
    expect(
      rules([file("d.md", "made on 2026-11-25\n")], {
        timestamps: true,
        forbiddenDates: ["2026-11-25"],
      }),
    ).toEqual([["d.md", "timestamp"]]);
  });
});

describe("lintTree", () => {
  it("reads a real directory without following symlinks", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "repo-checks lint "));
    try {
      await mkdir(path.join(root, "src"));
      await writeFile(path.join(root, "src", "a.py"), "x = 1\r\n");
      const canSymlink = await symlink(path.join(root, "src"), path.join(root, "loop"), "dir").then(
        () => true,
        () => false, // Windows without the symlink privilege
      );
      const expected = [...(canSymlink ? [["loop", "symlink"]] : []), ["src/a.py", "crlf"]];
      expect((await lintTree(root)).map((f) => [f.path, f.rule])).toEqual(expected);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("manifests", () => {
  const entries = [
    file("b.txt", "b\n", true),
    file("a.txt", "a\n"),
    { path: "d", kind: "dir" as const },
  ];

  it("are sorted (path, sha256, mode) lines that parse back", () => {
    const manifest = manifestOf(entries);
    expect(manifest.map((e) => [e.path, e.mode])).toEqual([
      ["a.txt", "regular"],
      ["b.txt", "exec"],
    ]);
    expect(manifest[0]?.sha256).toBe(
      "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7",
    );
    expect(parseManifest(formatManifest(manifest, ["header"]))).toEqual(manifest);
  });

  it("report changed bytes, added and missing files, and mode changes unless told to ignore them", () => {
    const before = manifestOf(entries);
    const after = manifestOf([file("a.txt", "a\r\n"), file("b.txt", "b\n"), file("c.txt", "")]);
    expect(diffManifests(before, after, false)).toEqual([
      "added:    c.txt",
      expect.stringMatching(/^changed: {2}a\.txt/),
      "mode:     b.txt (exec → regular)",
    ]);
    expect(diffManifests(before, after, true)).toEqual([
      "added:    c.txt",
      expect.stringMatching(/^changed: {2}a\.txt/),
    ]);
  });

  it("are never rewritten under CI=true", async () => {
    await expect(
      checkSnapshot("/nonexistent/x.txt", [], [], { UPDATE_SNAPSHOTS: "1", CI: "true" }),
    ).rejects.toThrow(/refused under CI=true/);
  });
});

describe("documented commands", () => {
  const README = [
    "Run `uv sync`, then `uv run my_pkg train`. Paths like `data/raw/` are not commands.",
    "Install uv: `curl -LsSf https://astral.sh/uv/install.sh | sh`.",
    "",
    "   ```sh",
    "   $ uv sync --extra kaggle",
    "   # a comment",
    "   python -m my_pkg download",
    "   ```",
    "",
    "| `uv run pytest` | tests |",
    "Or `source .venv/bin/activate`, `./run.sh`, `pip install x`, `uv pip install x`, `uv tool install kaggle==2.2.5`.",
    "Keep `~/.kaggle/kaggle.json` private (`chmod 600`); never `chmod +x run.sh`.",
  ].join("\n");

  it("are taken from code spans and fenced blocks, only when they start a Python-project command", () => {
    expect(documentedCommands(README)).toEqual([
      "uv sync --extra kaggle",
      "python -m my_pkg download",
      "uv sync",
      "uv run my_pkg train",
      "uv run pytest",
      "source .venv/bin/activate",
      "./run.sh",
      "pip install x",
      "uv pip install x",
      "uv tool install kaggle==2.2.5",
      "chmod +x run.sh",
    ]);
  });

  it("must be uv run / uv sync forms (no activated venv, no bash, no exec bits)", () => {
    const problems = documentedCommands(README).filter((c) => commandProblem(c) !== undefined);
    expect(problems).toEqual([
      "python -m my_pkg download",
      "source .venv/bin/activate",
      "./run.sh",
      "pip install x",
      "uv pip install x",
      "chmod +x run.sh",
    ]);
  });
});
