import { describe, expect, it } from "vitest";
import { editDistance, nearestNames, suggestionHint } from "../../src/suggest/did-you-mean.js";

const SLUGS = [
  "titanic",
  "spaceship-titanic",
  "house-prices-advanced-regression-techniques",
  "santander-customer-transaction-prediction",
  "otto-group-product-classification-challenge",
];

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["titanic", "titanic", 0],
    ["titanc", "titanic", 1],
    ["titnaic", "titanic", 1], // one transposition, not two substitutions
    ["kitten", "sitting", 3],
  ])("%j → %j is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("nearestNames", () => {
  it("finds typos within a budget that grows with the length", () => {
    expect(nearestNames("titanc", SLUGS)).toEqual(["titanic"]);
    expect(
      nearestNames("clasification", ["basket-analysis", "classification", "recommender"]),
    ).toEqual(["classification"]);
    expect(nearestNames("Titanic ", SLUGS)).toEqual(["titanic"]);
  });

  it("finds names that contain the input, the closest in length first", () => {
    expect(nearestNames("santander", SLUGS)).toEqual(["santander-customer-transaction-prediction"]);
    expect(nearestNames("titani", SLUGS)).toEqual(["titanic", "spaceship-titanic"]);
    expect(nearestNames("house-prices", SLUGS)).toEqual([
      "house-prices-advanced-regression-techniques",
    ]);
  });

  it("suggests nothing for unrelated, too short or exact input, and at most max names", () => {
    expect(nearestNames("no-such-competition", SLUGS)).toEqual([]);
    expect(nearestNames("ti", SLUGS)).toEqual([]);
    expect(nearestNames("titanic", SLUGS)).toEqual(["spaceship-titanic"]);
    expect(nearestNames("-", SLUGS)).toEqual([]);
    expect(nearestNames("a-", ["a-1", "a-2", "a-3", "a-4"], 2)).toEqual(["a-1", "a-2"]);
  });

  it("compares flags without their dashes", () => {
    expect(nearestNames("--competiton", ["--archetype", "--competition", "--no-git"])).toEqual([
      "--competition",
    ]);
    expect(nearestNames("--no-gti", ["--git", "--no-git", "--no-install"])).toEqual(["--no-git"]);
  });
});

describe("suggestionHint", () => {
  it("quotes the near names, else gives the fallback", () => {
    expect(suggestionHint("titanc", SLUGS, "see --list")).toBe('did you mean "titanic"?');
    expect(suggestionHint("xyz-unrelated", SLUGS, "see --list")).toBe("see --list");
  });
});
