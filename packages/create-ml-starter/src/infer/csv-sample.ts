import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** The header and the first rows of a delimited file. */
export interface CsvSample {
  header: string[];
  rows: string[][];
  /** True when the file ended before `maxRows` (the sample is the whole file). */
  complete: boolean;
}

export class CsvFormatError extends Error {
  override readonly name = "CsvFormatError";
}

/**
 * RFC 4180 reader over a stream that stops after `maxRows` data rows and destroys the stream, so a
 * multi-GB file costs only the bytes of its first rows. Quotes, doubled quotes, delimiters and newlines
 * inside quoted fields, CRLF or LF endings and a UTF-8 BOM are handled; blank lines are skipped.
 */
export async function readCsvSample(
  stream: Readable,
  delimiter: string,
  maxRows: number,
): Promise<CsvSample> {
  const decoder = new StringDecoder("utf8");
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false; // inside a quoted field
  let afterQuote = false; // just closed a quoted field, or saw the first of a doubled quote
  let fieldStarted = false;
  let first = true;
  const want = maxRows + 1;

  const endField = () => {
    record.push(field);
    field = "";
    fieldStarted = false;
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    if (!(record.length === 1 && record[0] === "")) records.push(record); // blank line
    record = [];
  };

  const feed = (text: string): boolean => {
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else field += c;
        continue;
      }
      if (c === '"') {
        if (afterQuote) {
          field += '"'; // a doubled quote inside a quoted field
          quoted = true;
          afterQuote = false;
        } else if (!fieldStarted) {
          quoted = true;
          fieldStarted = true;
        } else field += c; // a stray quote inside an unquoted field: kept, as pandas does
        continue;
      }
      afterQuote = false;
      if (c === delimiter) endField();
      else if (c === "\n") {
        if (field.endsWith("\r")) field = field.slice(0, -1);
        endRecord();
        if (records.length >= want) return false;
      } else {
        field += c;
        fieldStarted = true;
      }
    }
    return true;
  };

  let complete = true;
  try {
    for await (const chunk of stream) {
      const text = typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
      if (!feed(text)) {
        complete = false;
        break;
      }
    }
    if (complete) {
      feed(decoder.end());
      if (quoted) throw new CsvFormatError("a quoted field is never closed");
      if (field.endsWith("\r")) field = field.slice(0, -1);
      if (field !== "" || record.length > 0) endRecord();
    }
  } finally {
    stream.destroy();
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvFormatError("the file is empty");
  return { header, rows: rows.slice(0, maxRows), complete };
}
