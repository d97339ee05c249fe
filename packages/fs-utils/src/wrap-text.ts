// Help text wrapped for an 80-column terminal, written once for both CLIs.

/** Greedy word wrap: every line starts with `indent` and, where words allow, is at most `width` long. */
export function wrapText(text: string, width: number, indent = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(indent + line);
  return lines;
}

/**
 * Two columns, `  <term>  <text>`, the text wrapped under itself. A term too wide for the column gets its
 * text on the next line, so one long flag does not push every description right.
 */
export function formatRows(
  rows: readonly (readonly [term: string, text: string])[],
  {
    width = 80,
    indent = "  ",
    maxTerm = 28,
  }: { width?: number; indent?: string; maxTerm?: number } = {},
): string[] {
  const column = Math.min(maxTerm, Math.max(...rows.map(([term]) => term.length)));
  const pad = " ".repeat(indent.length + column + 2);
  return rows.flatMap(([term, text]) => {
    const body = wrapText(text, width, pad);
    if (term.length > column || body.length === 0) return [indent + term, ...body];
    return [
      indent + term.padEnd(column) + "  " + (body[0] ?? "").slice(pad.length),
      ...body.slice(1),
    ];
  });
}
