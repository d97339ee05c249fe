// Bundles the published entry points (bin and library) with esbuild, so installing @ml-starter/create
// fetches (near) nothing: every import is inlined except the packages listed in `dependencies`, which
// stay external and are installed as usual. Chunks are split at dynamic imports, so `--help` never
// evaluates node-plop or inquirer. Licences of the inlined packages go to dist/THIRD-PARTY-LICENSES.md.
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const pkgDir = fileURLToPath(new URL("../", import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
const external = Object.keys(pkg.dependencies ?? {});
/**
 * Inlined code that reads its own package.json beside it (`readFileSync(new URL("../package.json",
 * import.meta.url), "utf8")`, to report its version) would look for it next to the bundle instead: replace
 * the read with the file's text at build time, so the bundle reports the versions it was built from.
 */
const PACKAGE_JSON_READ =
  /readFileSync\(\s*new URL\(\s*"((?:\.\.\/)+)package\.json"\s*,\s*import\.meta\.url\s*\)\s*,\s*"utf8"\s*\)/g;
const inlineOwnPackageJson = {
  name: "inline-own-package-json",
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, "utf8");
      const contents = source.replace(PACKAGE_JSON_READ, (_all, up) =>
        JSON.stringify(
          readFileSync(new URL(`${up}package.json`, pathToFileURL(args.path)), "utf8"),
        ),
      );
      return contents === source
        ? undefined
        : { contents, loader: args.path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};

/**
 * Imports the bundle replaces, each only from the one package named (an importer path segment), because the
 * code they pull in is never called by ml-starter and would be parsed on every run (see each stub's comment).
 */
const STUBS = [
  { specifier: /^inquirer$/, importer: "node-plop", stub: "inquirer.mjs" },
  { specifier: /^resolve$/, importer: "node-plop", stub: "resolve.mjs" },
  // handlebars falls back to its own SourceNode when source-map is absent (it needs none to render).
  { specifier: /^source-map$/, importer: "handlebars", stub: "empty.mjs" },
  // zod's `locales` namespace holds every language's messages; the English ones are imported directly.
  { specifier: /^\.\.\/locales\/index\.js$/, importer: "zod", stub: "empty.mjs" },
];
const stubUnusedImports = {
  name: "stub-unused-imports",
  setup(b) {
    for (const { specifier, importer, stub } of STUBS) {
      b.onResolve({ filter: specifier }, (args) =>
        args.importer.split(path.sep).includes(importer)
          ? { path: fileURLToPath(new URL(`stubs/${stub}`, import.meta.url)) }
          : undefined,
      );
    }
  },
};

// A clean dist/: no module of an earlier unbundled build may linger beside the bundle.
rmSync(path.join(pkgDir, "dist"), { recursive: true, force: true });

const result = await build({
  absWorkingDir: pkgDir,
  entryPoints: ["src/cli.ts", "src/index.ts"],
  outdir: "dist",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  external,
  // Whitespace and syntax only: stack traces (`--debug`) keep readable names.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "eof",
  metafile: true,
  plugins: [inlineOwnPackageJson, stubUnusedImports],
  logLevel: "warning",
  // Some inlined CommonJS dependencies call require() for Node built-ins: give ESM chunks a real one.
  banner: {
    js: 'import { createRequire as __mlsCreateRequire } from "node:module"; const require = __mlsCreateRequire(import.meta.url);',
  },
});

/** Package directory (…/node_modules/<name>) of each inlined input, keyed by package name. */
function inlinedPackages(metafile) {
  const found = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (match) found.set(match[2], path.resolve(pkgDir, match[1]));
  }
  return [...found.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function licenceText(dir) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  // LF only, like every file we ship (some packages ship a CRLF licence).
  return file
    ? readFileSync(path.join(dir, file), "utf8").replace(/\r\n?/g, "\n").trim()
    : undefined;
}

const sections = inlinedPackages(result.metafile).map(([name, dir]) => {
  const meta = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  const author = typeof meta.author === "string" ? meta.author : meta.author?.name;
  // A few packages declare a licence but ship no file: record what they declare, and who wrote them.
  const text =
    licenceText(dir) ??
    `No licence file is shipped; package.json declares ${meta.license}${author ? `, author ${author}` : ""}.`;
  return `## ${name}@${meta.version} (${meta.license ?? "see below"})\n\n${text}\n`;
});
writeFileSync(
  path.join(pkgDir, "dist", "THIRD-PARTY-LICENSES.md"),
  `# Third-party licences\n\nThe files in this folder inline the following packages.\n\n${sections.join("\n")}`,
);
