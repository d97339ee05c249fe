// The peers scaffolding is compared with, installed at bench time into bench-results/peers/ (ignored by git)
// from the package registries, pinned; and the templates they render, made from one of our projects.
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { Buffer } from "node:buffer";
import path from "node:path";
import { timed } from "./measure.mjs";

export const PEERS = {
  "cookiecutter-data-science": "2.3.0",
  copier: "9.19.1",
  "create-vite": "9.3.0",
};

const win = process.platform === "win32";

/** Installs the pinned peers once (a stamp records the versions); returns their commands. */
export function ensurePeers(cacheDir) {
  const venv = path.join(cacheDir, "python");
  const bin = (name) => path.join(venv, win ? "Scripts" : "bin", win ? `${name}.exe` : name);
  const npmPrefix = path.join(cacheDir, "npm");
  const stamp = path.join(cacheDir, "versions.json");
  const wanted = JSON.stringify(PEERS);
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== wanted) {
    mkdirSync(cacheDir, { recursive: true });
    timed("uv", ["venv", "--quiet", "--clear", "--python", "3.11", venv]);
    const py = bin("python");
    timed("uv", [
      "pip",
      "install",
      "--quiet",
      "--python",
      py,
      `cookiecutter-data-science==${PEERS["cookiecutter-data-science"]}`,
      `copier==${PEERS.copier}`,
    ]);
    timed("npm", [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefix",
      npmPrefix,
      `create-vite@${PEERS["create-vite"]}`,
    ]);
    writeFileSync(stamp, wanted);
  }
  return {
    ccds: bin("ccds"),
    copier: bin("copier"),
    createVite: path.join(npmPrefix, "node_modules/create-vite/index.js"),
  };
}

function listFiles(root, rel = "") {
  return readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(root, child) : [child];
  });
}

/**
 * The same project as a copier and as a cookiecutter (ccds) template: every file of `project`, where the files
 * naming the project (and free of Jinja syntax) render it from a variable, and paths naming it likewise; the
 * other files are copied as they are. So each engine writes the same bytes as our scaffold.
 */
export function equivalentTemplates(project, name, outDir) {
  const copierDir = path.join(outDir, "copier");
  const ccdsDir = path.join(outDir, "ccds");
  const ccdsRoot = "{{ cookiecutter.project_name }}";
  const verbatim = [];
  const put = (file, bytes) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  };
  for (const rel of listFiles(project)) {
    const bytes = readFileSync(path.join(project, rel));
    const text = bytes.toString("utf8");
    const rendered =
      text.includes(name) && !/\{\{|\{%|\{#/.test(text) && Buffer.from(text, "utf8").equals(bytes);
    const split = (v) => text.split(name).join(`{{ ${v} }}`);
    const copierPath = rel.split(name).join("{{ project_name }}");
    const ccdsPath = rel.split(name).join("{{ cookiecutter.project_name }}");
    put(
      path.join(copierDir, rendered ? `${copierPath}.jinja` : copierPath),
      rendered ? split("project_name") : bytes,
    );
    put(
      path.join(ccdsDir, ccdsRoot, ccdsPath),
      rendered ? split("cookiecutter.project_name") : bytes,
    );
    if (!rendered) verbatim.push(ccdsPath);
  }
  writeFileSync(
    path.join(copierDir, "copier.yml"),
    `_templates_suffix: .jinja\nproject_name:\n  type: str\n  default: ${name}\n`,
  );
  const context = JSON.stringify({ project_name: name, _copy_without_render: verbatim }, null, 2);
  // ccds reads ccds.json; cookiecutter checks that cookiecutter.json exists.
  for (const f of ["ccds.json", "cookiecutter.json"]) writeFileSync(path.join(ccdsDir, f), context);
  return { copier: copierDir, ccds: ccdsDir };
}
