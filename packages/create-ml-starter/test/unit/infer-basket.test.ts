// --from-data on basket data: Instacart's order tables and a member/date/item transaction log become a basket
// profile; date formats; what is not basket data falls through to tabular inference; bad tables are one error.
import path from "node:path";
import { mkdir, writeFile } from "node:fs/promises";
import { BasketProfileSchema } from "@ml-starter/schema";
import { tempDirWithSpaces, type TempDir } from "@ml-starter/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "smol-toml";
import { MlStarterError } from "../../src/core/errors.js";
import { detectBasket } from "../../src/infer/basket/detect-basket.js";
import { dateFormatOf } from "../../src/infer/basket/date-format.js";
import { dataFilesOf } from "../../src/infer/copy-data.js";

let tmp: TempDir;
beforeEach(async () => {
  tmp = await tempDirWithSpaces("infer basket");
});
afterEach(async () => tmp.cleanup());

async function folder(files: Record<string, string>, name = "my shop"): Promise<string> {
  const dir = path.join(tmp.path, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}
const csv = (header: string, rows: string[]) => `${[header, ...rows].join("\n")}\n`;

const INSTACART = {
  "orders.csv": csv(
    "order_id,user_id,eval_set,order_number,order_dow,order_hour_of_day,days_since_prior_order",
    ["1,1,prior,1,2,8,", "2,1,train,2,3,7,15.0", "3,2,prior,1,1,9,", "4,2,test,2,4,10,8.0"],
  ),
  "order_products__prior.csv": csv("order_id,product_id,add_to_cart_order,reordered", [
    "1,10,1,0",
    "3,11,1,0",
  ]),
  "order_products__train.csv": csv("order_id,product_id,add_to_cart_order,reordered", ["2,10,1,1"]),
  "products.csv": csv("product_id,product_name,aisle_id,department_id", [
    '10,"Milk, whole",1,1',
    "11,Bread,2,2",
  ]),
  "aisles.csv": csv("aisle_id,aisle", ["1,dairy", "2,bakery"]),
  "sample_submission.csv": csv("order_id,products", ["4,10 11"]),
};

const GROCERIES = csv("Member_number,Date,itemDescription", [
  "1808,21-07-2015,tropical fruit",
  "2552,05-01-2015,whole milk",
  "1808,13-05-2015,pip fruit",
  "2552,05-01-2015,rolls/buns",
  "2300,19-09-2015,other vegetables",
]);

describe("detectBasket", () => {
  it("recognises Instacart's order and order-line tables by their columns", async () => {
    const dir = await folder(INSTACART);
    const found = await detectBasket(dir);
    expect(found?.profile).toEqual({
      schema_version: 1,
      archetype: "basket-analysis",
      slug: "",
      title: "my shop",
      files: {
        orders: "orders.csv",
        prior: "order_products__prior.csv",
        train: "order_products__train.csv",
        products: "products.csv",
        sample_submission: "sample_submission.csv",
      },
      layout: { kind: "orders" },
    });
    // everything the project reads is copied, aisles.csv (not read) is not
    expect(
      dataFilesOf(found!.files)
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual(Object.values(found!.profile.files).sort());
    const toml = parse(found!.toml);
    expect(BasketProfileSchema.parse(toml)).toEqual(found!.profile);
    expect(
      found!.toml.startsWith("# Inferred by @ml-starter/create --from-data from my shop;"),
    ).toBe(true);
  });

  it("recognises a member/date/item transaction log (a folder or the file itself) and its date format", async () => {
    const dir = await folder({ "Groceries_dataset.csv": GROCERIES });
    for (const input of [dir, path.join(dir, "Groceries_dataset.csv")]) {
      const found = await detectBasket(input);
      expect(found?.profile.files).toEqual({ transactions: "Groceries_dataset.csv" });
      expect(found?.profile.layout).toEqual({
        kind: "transactions",
        format: "rows",
        member: "Member_number",
        date: "Date",
        item: "itemDescription",
        date_format: "%d-%m-%Y",
      });
      expect(dataFilesOf(found!.files)).toEqual([path.join(dir, "Groceries_dataset.csv")]);
    }
  });

  it("leaves tabular data to the tabular inference", async () => {
    const titanic = await folder(
      {
        "train.csv": csv("PassengerId,Survived,Pclass", ["1,0,3", "2,1,1"]),
        "test.csv": csv("PassengerId,Pclass", ["3,2"]),
      },
      "titanic",
    );
    expect(await detectBasket(titanic)).toBeUndefined();
    // log-like columns in a train file are a tabular task, not a log
    const sales = await folder(
      {
        "train.csv": csv("customer_id,date,product,sold", ["1,2015-01-02,a,1", "1,2015-01-03,b,0"]),
      },
      "sales",
    );
    expect(await detectBasket(sales)).toBeUndefined();
    // every member seen once: no history, so not a purchase log
    const once = await folder(
      { "log.csv": csv("customer,date,item", ["1,2015-01-02,a", "2,2015-01-03,b"]) },
      "once",
    );
    expect(await detectBasket(once)).toBeUndefined();
  });

  it("names what is missing when an orders table comes without its order lines", async () => {
    const rest = Object.fromEntries(
      Object.entries(INSTACART).filter(([name]) => name !== "order_products__train.csv"),
    );
    const dir = await folder(rest);
    const error = await detectBasket(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlStarterError);
    expect((error as MlStarterError).code).toBe("INVALID_DATA");
    expect((error as MlStarterError).message).toBe(
      "an orders table was found, but not one file each for train (none)",
    );
  });
});

describe("dateFormatOf", () => {
  it.each([
    [["2015-07-21", "2015-01-05"], "%Y-%m-%d"],
    [["2015-07-21 10:00:00"], "%Y-%m-%d %H:%M:%S"],
    [["21-07-2015", "05-01-2015"], "%d-%m-%Y"],
    [["07/21/2015", "01/05/2015"], "%m/%d/%Y"],
    [["05.01.2015", "06.02.2015"], "%d.%m.%Y"],
  ])("%j -> %s", (values, format) => {
    expect(dateFormatOf(values)).toBe(format);
  });

  it.each([[["2015-07-21", "21-07-2015"]], [["13/13/2015"]], [["soon"]], [[]]])(
    "%j is not one date format",
    (values) => {
      expect(dateFormatOf(values)).toBeUndefined();
    },
  );
});
