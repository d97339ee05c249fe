/**
 * Makes text safe to print to a terminal: C0 (except the line feed), DEL and C1 control characters become
 * `\xNN`, bidi overrides/isolates and line/paragraph separators `\uNNNN`, so an ESC sequence or a
 * right-to-left override in a plan or a report cannot hide or rewrite what is shown.
 */
export function escapeControl(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0x0a) out += char;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
      out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (isInvisibleFormat(code)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return out;
}

// --- internal ---

function isInvisibleFormat(code: number): boolean {
  return (
    (code >= 0x202a && code <= 0x202e) || // LRE … RLO
    (code >= 0x2066 && code <= 0x2069) || // LRI … PDI
    code === 0x2028 ||
    code === 0x2029
  );
}
