import { z } from "zod";
import { profileHeader } from "./profile-header.js";

/**
 * `competition.toml` of a basket-analysis project (issue 13): Instacart's order tables (orders, prior and train
 * order lines, products), or a transaction log (member, date, item rows; or one basket per line) that the
 * project's loader maps to orders. Validated here by the generator and again in Python by the project
 * (templates/basket-analysis/src/__package__/profile.py).
 */

const ColumnName = z.string().min(1).max(200);
/**
 * A bare file name inside the data folder (no separators, no parent references) with one of these
 * extensions; the tabular profile uses it too (it lives here because competition-profile.ts imports this file).
 */
export function dataFileName(extensions: readonly [string, ...string[]]) {
  const names = extensions.map((e) => `.${e}`);
  const listed =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return z
    .string()
    .regex(new RegExp(`^(?!\\.)[^/\\\\:*?"<>|]+\\.(${extensions.join("|")})$`, "i"), {
      message: `a file name inside the data folder ending in ${listed}`,
    })
    .refine((name) => ![...name].some((c) => c.charCodeAt(0) < 0x20), {
      message: "control characters in a file name",
    });
}

const FileName = dataFileName(["csv", "tsv", "txt", "zip"]);

const OrdersLayout = z.object({ kind: z.literal("orders") }).strict();

const RowsLayout = z
  .object({
    kind: z.literal("transactions"),
    format: z.literal("rows"),
    member: ColumnName,
    date: ColumnName,
    item: ColumnName,
    date_format: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "a strftime format, e.g. %d-%m-%Y" }),
  })
  .strict();

const BasketsLayout = z
  .object({
    kind: z.literal("transactions"),
    format: z.literal("baskets"),
    separator: z.string().min(1).max(4).optional(),
  })
  .strict();

/** The files each layout reads (the Python loader's FILE_KEYS). */
const FILES_OF_KIND = {
  orders: ["orders", "prior", "train", "products", "sample_submission"],
  transactions: ["transactions"],
} as const;

export const BasketProfileSchema = z
  .object({
    ...profileHeader(z.literal("basket-analysis")),
    files: z.partialRecord(
      z.enum(["orders", "prior", "train", "products", "sample_submission", "transactions"]),
      FileName,
    ),
    layout: z
      .discriminatedUnion("kind", [
        OrdersLayout,
        z.discriminatedUnion("format", [RowsLayout, BasketsLayout]),
      ])
      .optional()
      .meta({ description: "Instacart's order tables when absent" }),
  })
  .strict()
  .superRefine((p, ctx) => {
    const kind = p.layout?.kind ?? "orders";
    for (const key of FILES_OF_KIND[kind])
      if (p.files[key] === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["files", key],
          message: `the ${kind} layout reads it`,
        });
  });

export type BasketProfile = z.infer<typeof BasketProfileSchema>;
