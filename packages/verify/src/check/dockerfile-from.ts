export interface FromLine {
  line: number;
  image: string;
  stage: string | undefined;
}

/** The `FROM` instructions of a Dockerfile (continuations joined, `--platform=` skipped, `AS name` kept). */
export function parseFromLines(dockerfile: string): FromLine[] {
  const out: FromLine[] = [];
  const lines = dockerfile.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i] ?? "";
    while (text.endsWith("\\") && i + 1 < lines.length)
      text = text.slice(0, -1) + " " + (lines[++i] ?? "");
    const match = /^\s*FROM\s+(.*)$/i.exec(text);
    if (!match) continue;
    const words = (match[1] ?? "")
      .trim()
      .split(/\s+/)
      .filter((w) => !w.startsWith("--"));
    const image = words[0];
    if (image === undefined) continue;
    const as = words[1]?.toUpperCase() === "AS" ? words[2] : undefined;
    out.push({ line: start + 1, image, stage: as });
  }
  return out;
}

/** Pinned by digest: `x@sha256:<64 hex>`, or `x@sha256:${ARG}` (Scorecard accepts both); `scratch` needs none. */
export function isPinnedImage(image: string): boolean {
  return /@sha256:(?:[0-9a-f]{64}|\$\{?\w+\}?)$/.test(image) || image === "scratch";
}

/** FROM lines that neither use a digest nor refer to an earlier build stage. */
export function unpinnedFromLines(dockerfile: string): FromLine[] {
  const stages = new Set<string>();
  const bad: FromLine[] = [];
  for (const from of parseFromLines(dockerfile)) {
    if (!isPinnedImage(from.image) && !stages.has(from.image.toLowerCase())) bad.push(from);
    if (from.stage) stages.add(from.stage.toLowerCase());
  }
  return bad;
}
