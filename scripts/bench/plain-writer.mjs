// The bench's floor: a plain Node program that writes the same bytes as a scaffold (read each file of a
// reference project, mkdir, write), with no templating, validation or atomic staging.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const [from, to] = process.argv.slice(2);

async function copyTree(src, dst) {
  await mkdir(dst, { recursive: true });
  for (const entry of await readdir(src, { withFileTypes: true })) {
    const s = path.join(src, entry.name);
    const d = path.join(dst, entry.name);
    if (entry.isDirectory()) await copyTree(s, d);
    else await writeFile(d, await readFile(s));
  }
}

await copyTree(from, to);
