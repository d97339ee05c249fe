import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { BasketProfileSchema, type BasketProfile } from "@ml-starter/schema";
import { MlStarterError } from "../../core/errors.js";
import type { CsvSample } from "../csv-sample.js";
import type { DataFiles } from "../data-files.js";
import { inferMessages } from "../messages.js";
import { profileToml } from "../infer-from-data.js";
import { readSample } from "../read-samples.js";
import { dateFormatOf } from "./date-format.js";

/** A basket profile inferred from the user's files, and what to copy into the project. */
export interface InferredBasket {
  files: DataFiles;
  profile: BasketProfile;
  toml: string;
}

/** Files read to tell basket data (one basket per line, .txt, is not inferred: set its layout by hand). */
const DATA_FILE = /\.(csv|tsv|zip)$/i;
/** Rows read to tell a transaction log: enough for members to repeat. */
const LOG_SAMPLE_ROWS = 2_000;

/** The columns the project's loader reads from Instacart's tables (templates/basket-analysis data.py). */
const ORDER_COLUMNS = ["order_id", "user_id", "eval_set", "order_number", "order_dow"];
const LINE_COLUMNS = ["order_id", "product_id", "add_to_cart_order", "reordered"];
const PRODUCT_COLUMNS = ["product_id", "product_name"];
const SUBMISSION_COLUMNS = ["order_id", "products"];

/** Column names of a member/date/item log, checked in this order (one match each). */
const LOG_ROLES = {
  member: /member|customer|user|client|shopper|household|buyer/i,
  date: /date|day|time/i,
  item: /item|product|description|article|sku|goods/i,
} as const;

const has = (sample: CsvSample, columns: readonly string[]) =>
  columns.every((c) => sample.header.includes(c));

async function dataFilesIn(input: string): Promise<string[]> {
  const info = await stat(input).catch(() => undefined);
  if (info === undefined) return [];
  if (info.isFile()) return DATA_FILE.test(input) ? [input] : [];
  const names = (await readdir(input)).filter((n) => DATA_FILE.test(n) && !n.startsWith("."));
  return names.sort().map((n) => path.join(input, n));
}

/** Instacart's layout: an orders table, prior and train order lines, products, a sample submission. */
function orderTables(samples: ReadonlyMap<string, CsvSample>): Record<string, string> | undefined {
  const named = (test: (name: string, s: CsvSample) => boolean) =>
    [...samples].filter(([file, s]) => test(path.basename(file).toLowerCase(), s)).map(([f]) => f);
  const orders = named((_, s) => has(s, ORDER_COLUMNS));
  if (orders.length === 0) return undefined;
  const lines = named((_, s) => has(s, LINE_COLUMNS));
  const found = {
    orders,
    prior: lines.filter((f) => path.basename(f).toLowerCase().includes("prior")),
    train: lines.filter((f) => path.basename(f).toLowerCase().includes("train")),
    products: named((_, s) => has(s, PRODUCT_COLUMNS) && !s.header.includes("order_id")),
    sample_submission: named((_, s) => has(s, SUBMISSION_COLUMNS) && s.header.length === 2),
  };
  const missing = Object.entries(found).filter(([, files]) => files.length !== 1);
  if (missing.length > 0)
    throw new MlStarterError(
      "INVALID_DATA",
      inferMessages.basketTables(
        missing.map(([key, files]) => [key, files.map((f) => path.basename(f))]),
      ),
      { hint: inferMessages.basketTablesHint },
    );
  return Object.fromEntries(Object.entries(found).map(([key, [file]]) => [key, file ?? ""]));
}

/** A member/date/item log: one column per role by name, dates of one format, members that come back. */
function logLayout(sample: CsvSample): BasketProfile["layout"] | undefined {
  const picked: Record<string, string> = {};
  for (const [role, pattern] of Object.entries(LOG_ROLES)) {
    const matches = sample.header.filter(
      (c) => pattern.test(c) && !Object.values(picked).includes(c),
    );
    if (matches.length !== 1 || matches[0] === undefined) return undefined;
    picked[role] = matches[0];
  }
  const column = (name: string | undefined) =>
    sample.rows.map((r) => r[sample.header.indexOf(name ?? "")] ?? "");
  const dateFormat = dateFormatOf(column(picked.date));
  const members = column(picked.member);
  if (dateFormat === undefined || new Set(members).size === members.length) return undefined;
  return {
    kind: "transactions",
    format: "rows",
    member: picked.member ?? "",
    date: picked.date ?? "",
    item: picked.item ?? "",
    date_format: dateFormat,
  };
}

/**
 * Basket data in `input` (a folder, or one log file): Instacart's order/order-line tables or a member/date/item
 * transaction log, as a basket profile; undefined when the files are neither (tabular inference goes on).
 */
export async function detectBasket(input: string): Promise<InferredBasket | undefined> {
  const files = await dataFilesIn(path.resolve(input));
  const samples = new Map<string, CsvSample>();
  for (const file of files) samples.set(file, await readSample(file, LOG_SAMPLE_ROWS));
  const source = path.resolve(input);
  const header = {
    schema_version: 1 as const,
    archetype: "basket-analysis" as const,
    slug: "",
    title: path.basename(source).slice(0, 120) || "basket data",
  };
  const tables = orderTables(samples);
  if (tables !== undefined) {
    const names = Object.fromEntries(Object.entries(tables).map(([k, f]) => [k, path.basename(f)]));
    const profile = BasketProfileSchema.parse({
      ...header,
      files: names,
      layout: { kind: "orders" },
    });
    const [first = "", ...rest] = Object.values(tables);
    return {
      files: dataFilesOf(source, first, rest),
      profile,
      toml: profileToml(profile, path.basename(source)),
    };
  }
  const [log, ...others] = [...samples];
  // A tabular layout (train/test files) is never a log, whatever its columns.
  const tabular = (file: string) => /(^|[_\s-])(train|test)([_\s.-]|$)/i.test(path.basename(file));
  if (log === undefined || others.length > 0 || tabular(log[0])) return undefined;
  const layout = logLayout(log[1]);
  if (layout === undefined) return undefined;
  const names = { transactions: path.basename(log[0]) };
  const profile = BasketProfileSchema.parse({ ...header, files: names, layout });
  return {
    files: dataFilesOf(source, log[0], []),
    profile,
    toml: profileToml(profile, path.basename(source)),
  };
}

function dataFilesOf(source: string, first: string, rest: string[]): DataFiles {
  return { source, train: first, test: undefined, sampleSubmission: undefined, extra: rest };
}
