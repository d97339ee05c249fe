import { describe, expect, it } from "vitest";
import { formatRows, wrapText } from "../../src/wrap-text.js";

describe("wrapText", () => {
  it("breaks between words at the width, every line indented", () => {
    expect(wrapText("aaa bbb ccc ddd", 9, "  ")).toEqual(["  aaa bbb", "  ccc ddd"]);
    expect(wrapText("aaa  bbb\nccc", 80)).toEqual(["aaa bbb ccc"]);
  });

  it("keeps a word longer than the width whole on its own line", () => {
    expect(wrapText("a loooooooooong b", 6)).toEqual(["a", "loooooooooong", "b"]);
  });
});

describe("formatRows", () => {
  it("wraps each text under itself and moves the text of a too-wide term to the next line", () => {
    const lines = formatRows(
      [
        ["-a", "one two three four"],
        ["--very-long-flag", "x"],
      ],
      { width: 20, indent: "  ", maxTerm: 4 },
    );
    expect(lines).toEqual([
      "  -a    one two",
      "        three four",
      "  --very-long-flag",
      "        x",
    ]);
    expect(lines.every((l) => l.length <= 20)).toBe(true);
  });
});
