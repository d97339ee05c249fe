// --from-data inference on small hand-made files: each rule, each ambiguity, each bad input, the CSV edge cases.
import path from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { deflateRawSync } from "node:zlib";
import { CompetitionProfileSchema } from "@ml-starter/schema";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { MlStarterError } from "../../src/core/errors.js";
import { readCsvSample } from "../../src/infer/csv-sample.js";
import { inferFromData } from "../../src/infer/infer-from-data.js";
import type { InferOverrides } from "../../src/infer/build-profile.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("infer");
});
afterEach(async () => tmp.cleanup());

async function folder(files: Record<string, string | Buffer>, name = "my comp"): Promise<string> {
  const dir = path.join(tmp.path, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}
const csv = (header: string, rows: string[]) => `${[header, ...rows].join("\n")}\n`;
const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const infer = (dir: string, o: InferOverrides = {}) => inferFromData(dir, o);

/** A train/test pair whose target values come from `label(i)`. */
async function kaggle(label: (i: number) => string, n = 200, extra: Record<string, string> = {}) {
  const train = csv(
    "id,x,city,target",
    ids(n).map((i) => `${i},${(i * 0.37) % 5},${["a", "b", "c"][i % 3]},${label(i)}`),
  );
  const test = csv(
    "id,x,city",
    ids(50).map((i) => `${n + i},${i * 0.1},${["a", "b"][i % 2]}`),
  );
  return folder({ "train.csv": train, "test.csv": test, ...extra });
}

describe("task inference (AutoGluon's rules)", () => {
  it("two distinct values are binary, with 1 as the positive class", async () => {
    const { profile } = await infer(await kaggle((i) => String(i % 2)));
    expect(profile.task).toEqual({
      type: "binary",
      target: ["target"],
      id: ["id"],
      labels: [0, 1],
      positive: 1,
    });
    expect(profile.archetype).toBe("classification");
    expect(profile.metric.name).toBe("accuracy");
    expect(profile.validation).toEqual({ scheme: "stratified_kfold", folds: 5, seed: 0 });
    expect(profile.baseline.naive).toBe("majority");
    expect(profile.submission).toEqual({
      columns: ["id", "target"],
      prediction: "label",
      label_format: "int",
    });
  });
  it("strings are multiclass, True/False binary with bool labels", async () => {
    expect(
      (await infer(await kaggle((i) => ["cat", "dog", "owl"][i % 3] as string))).profile.task.type,
    ).toBe("multiclass");
    const { profile } = await infer(await kaggle((i) => (i % 2 ? "True" : "False")));
    expect(profile.task.labels).toEqual([false, true]);
    expect(profile.submission.label_format).toBe("bool");
  });
  it("few whole numbers are multiclass; many, or fractions, are regression", async () => {
    expect((await infer(await kaggle((i) => String(i % 4)))).profile.task.type).toBe("multiclass");
    const many = await infer(await kaggle((i) => String(i * 7)));
    expect(many.profile.task.type).toBe("regression");
    expect(many.profile.archetype).toBe("regression");
    expect(many.profile.metric.name).toBe("rmse");
    expect(many.profile.validation.scheme).toBe("kfold");
    expect(many.profile.baseline.naive).toBe("mean");
    expect((await infer(await kaggle((i) => `${i % 4}.5`))).profile.task.type).toBe("regression");
  });
  it("--task, --metric and --cv override within what the target allows", async () => {
    const dir = await kaggle((i) => String(i % 4));
    const r = await infer(dir, { task: "regression", metric: "mae", cv: "kfold:10" });
    expect(r.profile.task.type).toBe("regression");
    expect(r.profile.baseline.naive).toBe("median");
    expect(r.profile.validation.folds).toBe(10);
    await expect(infer(dir, { task: "binary" })).rejects.toThrow(
      /needs exactly 2 classes; "target" has 4/,
    );
    await expect(infer(dir, { metric: "rmse" })).rejects.toThrow(/does not fit a multiclass task/);
    await expect(infer(dir, { metric: "acuracy" })).rejects.toThrow(
      /Unknown metric "acuracy" \(did you mean "accuracy"\?\)/,
    );
    await expect(infer(dir, { cv: "loo" })).rejects.toThrow(/--cv "loo"/);
  });
  it("--cv takes every scheme of the profile, with the column group and time need", async () => {
    const dir = await kaggle((i) => String(i % 2));
    const v = async (cv: string) => (await infer(dir, { cv })).profile.validation;
    expect(await v("stratified:3")).toEqual({ scheme: "stratified_kfold", folds: 3, seed: 0 });
    expect(await v("kfold")).toEqual({ scheme: "kfold", folds: 5, seed: 0 });
    expect(await v("group:city")).toEqual({
      scheme: "group_kfold",
      folds: 5,
      seed: 0,
      group: "city",
    });
    expect(await v("group_kfold:city:4")).toEqual({
      scheme: "group_kfold",
      folds: 4,
      seed: 0,
      group: "city",
    });
    expect(await v("time:x:3")).toEqual({ scheme: "time_split", folds: 3, seed: 0, time: "x" });
    await expect(v("group")).rejects.toThrow(/group_kfold needs a column/);
    await expect(v("time:")).rejects.toThrow(/time_split needs a column/);
    await expect(v("group:nope")).rejects.toThrow(/"nope" is not a column of train/);
    await expect(v("time:target")).rejects.toThrow(/"target" is the target/);
    await expect(v("kfold:city")).rejects.toThrow(
      /--cv "kfold:city": use kfold, stratified, group/,
    );
    await expect(v("group:city:30")).rejects.toThrow(/--cv "group:city:30"/);
  });
});

describe("archetype inference: text classification", () => {
  const WORDS = ["storm", "flood", "quiet", "lunch", "road", "fire", "city", "music", "the", "a"];
  const sentence = (i: number) =>
    Array.from({ length: 4 + (i % 5) }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(" ");
  const texts = (rows: number[], label?: (i: number) => string) =>
    rows.map((i) => `${i},kw${i % 4},"${sentence(i)}"${label ? `,${label(i)}` : ""}`);

  it("a class target and a column of several words on average, half the features text: text-classification", async () => {
    const train = csv(
      "id,keyword,text,target",
      texts(ids(200), (i) => String(i % 2)),
    );
    const test = csv("id,keyword,text", texts(ids(50).map((i) => 200 + i)));
    const { profile } = await infer(await folder({ "train.csv": train, "test.csv": test }));
    expect(profile.archetype).toBe("text-classification");
    expect(profile.columns["text"]).toEqual({ role: "text", dtype: "str" });
    expect(profile.columns["keyword"]?.role).toBe("categorical");
    expect(profile.task.type).toBe("binary");
    expect(CompetitionProfileSchema.safeParse(profile).success).toBe(true);
  });

  it("one wordy column among many features stays tabular, and a numeric target is regression", async () => {
    const header = "id,keyword,text,a,b,c,target";
    const row = (i: number) => `${i},kw${i % 4},"${sentence(i)}",${i % 7},${(i * 3) % 11},${i % 5}`;
    const train = csv(
      header,
      ids(200).map((i) => `${row(i)},${i % 2}`),
    );
    const test = csv(
      "id,keyword,text,a,b,c",
      ids(50).map((i) => row(200 + i)),
    );
    expect(
      (await infer(await folder({ "train.csv": train, "test.csv": test }))).profile.archetype,
    ).toBe("classification");
    const regression = csv(
      "id,keyword,text,target",
      texts(ids(200), (i) => String(i * 0.37)),
    );
    const test2 = csv("id,keyword,text", texts(ids(50).map((i) => 200 + i)));
    const { profile } = await infer(
      await folder({ "train.csv": regression, "test.csv": test2 }, "reg"),
    );
    expect(profile.archetype).toBe("regression");
  });

  it("several 0/1 columns test lacks, beside a text column: one multi-label task (Jigsaw's layout)", async () => {
    const flags = (i: number) => `${i % 3 === 0 ? 1 : 0},${i % 5 === 0 ? 1 : 0}`;
    const train = csv("id,keyword,text,toxic,insult", texts(ids(200), flags));
    const test = csv("id,keyword,text", texts(ids(50).map((i) => 200 + i)));
    const sample = csv(
      "id,toxic,insult",
      ids(50).map((i) => `${200 + i},0.5,0.5`),
    );
    const files = { "train.csv": train, "test.csv": test, "sample_submission.csv": sample };
    const { profile } = await infer(await folder(files));
    expect(profile.archetype).toBe("text-classification");
    expect(profile.task).toEqual({
      type: "multilabel",
      target: ["toxic", "insult"],
      id: ["id"],
      labels: [0, 1],
      positive: 1,
    });
    expect(profile.columns["insult"]).toEqual({ role: "target", dtype: "int" });
    expect(profile.metric.name).toBe("mean_roc_auc");
    expect(profile.submission).toMatchObject({
      columns: ["id", "toxic", "insult"],
      prediction: "probability",
    });
    expect(CompetitionProfileSchema.safeParse(profile).success).toBe(true);
    // --task multilabel needs several targets, not a chosen one.
    await expect(
      infer(await folder(files, "task"), { target: "toxic", task: "multilabel" }),
    ).rejects.toThrow(/--task multilabel needs several 0\/1 target columns; "toxic" is one/);
  });

  it("several 0/1 targets without text stay ambiguous (exit 2), naming them", async () => {
    const row = (i: number) => `${i},${i % 7},${(i * 3) % 11}`;
    const train = csv(
      "id,a,b,y1,y2",
      ids(200).map((i) => `${row(i)},${i % 2},${i % 3 === 0 ? 1 : 0}`),
    );
    const test = csv(
      "id,a,b",
      ids(50).map((i) => row(200 + i)),
    );
    const error = await infer(await folder({ "train.csv": train, "test.csv": test })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).code).toBe("AMBIGUOUS_DATA");
    expect((error as MlStarterError).message).toMatch(/Several 0\/1 targets \(.*y1.*y2.*\)/);
  });
});

describe("columns, id, submission", () => {
  it("roles: numeric, categorical, boolean, datetime, text, constant ignored, train-only ignored", async () => {
    const n = 120;
    const row = (i: number) =>
      [
        i,
        i * 1.5,
        ["red", "blue"][i % 2],
        i % 2,
        `2024-01-${String((i % 28) + 1).padStart(2, "0")}`,
        `"word ${i} and more words"`,
        "same",
        i % 9,
        i % 2,
      ].join(",");
    const train = csv("Id,num,color,flag,day,note,const,leak,label", ids(n).map(row));
    const test = csv(
      "Id,num,color,flag,day,note,const",
      ids(30).map((i) =>
        row(i + n)
          .split(",")
          .slice(0, 7)
          .join(","),
      ),
    );
    const { profile } = await infer(
      await folder({
        "train.csv": train,
        "test.csv": test,
        "sample_submission.csv": csv("Id,label", ["1,0"]),
      }),
    );
    const roles = Object.fromEntries(Object.entries(profile.columns).map(([k, c]) => [k, c.role]));
    expect(roles).toEqual({
      Id: "id",
      num: "numeric",
      color: "categorical",
      flag: "boolean",
      day: "datetime",
      note: "text",
      const: "ignore",
      leak: "ignore",
      label: "target",
    });
    expect(profile.columns["color"]?.values).toEqual(["blue", "red"]);
    expect(profile.columns["num"]).toMatchObject({ dtype: "float", min: 1.5, max: 180 });
  });
  it("ids with leading zeros stay strings; missing values are counted", async () => {
    const train = csv(
      "PassengerId,Age,y",
      ids(100).map((i) => `${String(i).padStart(4, "0")}_01,${i % 10 === 0 ? "" : i},${i % 2}`),
    );
    const test = csv("PassengerId,Age", ["0200_01,3"]);
    const { profile } = await infer(await folder({ "train.csv": train, "test.csv": test }));
    expect(profile.columns["PassengerId"]).toEqual({ role: "id", dtype: "str" });
    expect(profile.columns["Age"]).toMatchObject({ role: "numeric", dtype: "float", missing: 0.1 });
  });
  it("probabilities from the sample submission: fractions (binary) and one column per class (multiclass)", async () => {
    const bin = await infer(
      await kaggle((i) => String(i % 2), 200, {
        "sample_submission.csv": csv("id,target", ["201,0.5", "202,0.5"]),
      }),
    );
    expect(bin.profile.submission.prediction).toBe("probability");
    expect(bin.profile.metric.name).toBe("roc_auc");
    const labels = (i: number) => ["A", "B", "C"][i % 3] as string;
    const multi = await infer(
      await kaggle(labels, 200, { "sample_submission.csv": csv("id,A,B,C", ["201,0.3,0.3,0.4"]) }),
      { target: "target" },
    );
    expect(multi.profile.submission).toEqual({
      columns: ["id", "A", "B", "C"],
      prediction: "probability",
      label_format: "str",
    });
    expect(multi.profile.metric.name).toBe("log_loss");
  });
  it("the target comes from the sample submission when train has several columns test lacks", async () => {
    const train = csv(
      "id,x,casual,count",
      ids(150).map((i) => `${i},${i},${i % 7},${i * 3}`),
    );
    const dir = await folder({
      "train.csv": train,
      "test.csv": csv("id,x", ["500,1"]),
      "sample_submission.csv": csv("id,count", ["500,0"]),
    });
    const { profile } = await infer(dir);
    expect(profile.task.target).toEqual(["count"]);
    expect(profile.columns["casual"]?.role).toBe("ignore");
  });
  it("the written TOML parses back to the same, schema-valid profile, in the documented order", async () => {
    const { profile, toml } = await infer(await kaggle((i) => String(i % 2)));
    const back = CompetitionProfileSchema.parse(parse(toml));
    expect(back).toEqual(profile);
    const order = [
      "schema_version",
      "archetype",
      "slug",
      "title",
      "[files]",
      "[task]",
      "[columns.",
      "[metric]",
      "[validation]",
      "[submission]",
      "[baseline]",
      "[synthetic]",
    ];
    const at = order.map((k) => toml.indexOf(k));
    expect(at.every((x) => x >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(profile.title).toBe("my comp");
    expect(profile.slug).toBe("");
  });
});

describe("ambiguity: exit 2 naming the candidates and the flag", () => {
  it("two columns train has and test lacks", async () => {
    const train = csv(
      "id,x,a,b",
      ids(100).map((i) => `${i},${i},${i % 2},${i % 3}`),
    );
    const dir = await folder({ "train.csv": train, "test.csv": csv("id,x", ["200,1"]) });
    await expect(infer(dir)).rejects.toMatchObject({
      code: "AMBIGUOUS_DATA",
      exitCode: 2,
      message: 'Cannot tell the target: candidates "a", "b"',
      hint: "pass --target a (or another)",
    });
    expect((await infer(dir, { target: "b" })).profile.task.type).toBe("multiclass");
  });
  it("a single train file and no --target", async () => {
    const dir = await folder({
      "data.csv": csv(
        "id,x,y",
        ids(100).map((i) => `${i},${i},${i % 2}`),
      ),
    });
    await expect(infer(path.join(dir, "data.csv"))).rejects.toMatchObject({
      code: "AMBIGUOUS_DATA",
      hint: "pass --target y (or another)",
    });
    const { profile } = await infer(path.join(dir, "data.csv"), { target: "y" });
    expect(profile.files).toEqual({ train: "data.csv" });
  });
  it("no id-like column, or two", async () => {
    const none = await folder(
      {
        "train.csv": csv(
          "a,b,y",
          ids(100).map((i) => `${i},${i},${i % 2}`),
        ),
        "test.csv": csv("a,b", ["1,2"]),
      },
      "none",
    );
    await expect(infer(none)).rejects.toMatchObject({
      code: "AMBIGUOUS_DATA",
      hint: "pass --id <column>",
    });
    expect((await infer(none, { id: "a" })).profile.task.id).toEqual(["a"]);
    const two = await folder(
      {
        "train.csv": csv(
          "id,row_id,y",
          ids(100).map((i) => `${i},${i},${i % 2}`),
        ),
        "test.csv": csv("id,row_id", ["1,2"]),
      },
      "two",
    );
    await expect(infer(two)).rejects.toThrow(
      /Cannot tell the id column: candidates "id", "row_id"/,
    );
  });
});

describe("bad inputs: one typed error, exit 2", () => {
  const cases: Array<[string, Record<string, string | Buffer>, InferOverrides, RegExp]> = [
    ["an empty train file", { "train.csv": "" }, {}, /Cannot read train\.csv: the file is empty/],
    ["a header without rows", { "train.csv": "id,y\n" }, {}, /train\.csv has a header but no rows/],
    ["an unclosed quote", { "train.csv": 'id,y\n1,"oops\n' }, {}, /a quoted field is never closed/],
    ["a ragged row", { "train.csv": "id,y\n1,2,3\n" }, {}, /row 2 has 3 fields, the header has 2/],
    ["a repeated column", { "train.csv": "id,y,y\n1,2,3\n" }, {}, /repeats column\(s\) "y"/],
    [
      "test columns train lacks",
      { "train.csv": csv("id,x,y", ["1,2,3", "2,3,4"]), "test.csv": csv("id,x,z", ["3,4,5"]) },
      {},
      /test file has column\(s\) "z" that train lacks/,
    ],
    [
      "an absent --target",
      { "train.csv": csv("id,x,y", ["1,2,3", "2,3,4"]) },
      { target: "nope" },
      /target column "nope" is not in train\.csv/,
    ],
    ["a parquet file", { "train.parquet": "PAR1" }, {}, /parquet is not read by --from-data/],
    ["no train file", { "notes.txt": "hi" }, {}, /no train file/],
  ];
  it.each(cases)("%s", async (_name, files, overrides, message) => {
    const error: unknown = await infer(await folder(files), overrides).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).exitCode).toBe(2);
    expect((error as MlStarterError).message).toMatch(message);
  });
});

describe("reading: RFC 4180, BOM, CRLF, zip, bounded", () => {
  const read = (text: string, max = 10) =>
    readCsvSample(Readable.from([Buffer.from(text)]), ",", max);
  it("quotes, doubled quotes, delimiters and newlines inside fields", async () => {
    const s = await read('a,b\n"x, y","say ""hi""\nthere"\n');
    expect(s.header).toEqual(["a", "b"]);
    expect(s.rows).toEqual([["x, y", 'say "hi"\nthere']]);
  });
  it("a BOM and CRLF endings, split across chunks", async () => {
    const bytes = Buffer.from('\uFEFFid,name\r\n1,"é\r\nx"\r\n2,b\r\n');
    const chunks = Array.from(bytes).map((b) => Buffer.from([b])); // one byte at a time: splits é and \r\n
    const s = await readCsvSample(Readable.from(chunks), ",", 10);
    expect(s.header).toEqual(["id", "name"]);
    expect(s.rows).toEqual([
      ["1", "é\r\nx"],
      ["2", "b"],
    ]);
  });
  it("stops after maxRows and reports the sample as partial", async () => {
    let pulled = 0;
    const endless = Readable.from(
      (function* () {
        yield "id,y\n";
        for (;;) {
          pulled++;
          yield "1,2\n";
        }
      })(),
    );
    const s = await readCsvSample(endless, ",", 5);
    expect(s.rows).toHaveLength(5);
    expect(s.complete).toBe(false);
    expect(pulled).toBeLessThan(50);
  });
  it("a one-member zip (deflate) and a TSV", async () => {
    const train = csv(
      "id\tx\ty",
      ids(100).map((i) => `${i}\t${i}\t${i % 2}`),
    );
    const zip = zipOf("train.tsv", Buffer.from(train));
    const dir = await folder({ "train.zip": zip, "test.tsv": "id\tx\n500\t1\n" });
    const { profile } = await infer(dir);
    expect(profile.files).toEqual({ train: "train.zip", test: "test.tsv" });
    expect(profile.task.type).toBe("binary");
  });
  it("a zip with two members is refused", async () => {
    const dir = await folder({ "train.zip": zipOf("a.csv", Buffer.from("x\n"), "b.csv") });
    await expect(infer(dir)).rejects.toThrow(/exactly one file, found 2: "a\.csv", "b\.csv"/);
  });
});

/** A minimal zip (deflate) holding `name` (and an empty second member when given), built by hand. */
function zipOf(name: string, data: Buffer, second?: string): Buffer {
  const members = [[name, data], ...(second ? [[second, Buffer.alloc(0)] as const] : [])] as Array<
    readonly [string, Buffer]
  >;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [n, d] of members) {
    const body = deflateRawSync(d);
    const fname = Buffer.from(n);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(d.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(d.length, 24);
    central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, body);
    centrals.push(central, fname);
    offset += 30 + fname.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
