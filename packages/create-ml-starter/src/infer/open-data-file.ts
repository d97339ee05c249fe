import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { createInflateRaw } from "node:zlib";
import { MlStarterError } from "../core/errors.js";
import { inferMessages } from "./messages.js";

/** How a data file is read: its delimiter and a stream of its text bytes. */
export interface DataStream {
  delimiter: string;
  open: () => Readable;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_EOCD_SEARCH = 0xffff + 22;

interface ZipMember {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const bad = (file: string, detail: string) =>
  new MlStarterError("INVALID_DATA", inferMessages.unreadable(file, detail));

/** The one member of a zip archive, read from its central directory (ZIP64 sizes included). */
async function zipMember(file: string): Promise<ZipMember & { dataOffset: number }> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, MAX_EOCD_SEARCH);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw bad(file, "not a zip archive");
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    const members: ZipMember[] = [];
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL_SIGNATURE;) {
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
      let compressedSize = cd.readUInt32LE(p + 20);
      const uncompressed = cd.readUInt32LE(p + 24);
      let localOffset = cd.readUInt32LE(p + 42);
      // ZIP64: the 0xFFFFFFFF fields live, in order, in extra field 0x0001.
      for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          if (uncompressed === 0xffffffff) q += 8;
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      const isEntry = !name.endsWith("/") && !name.startsWith("__MACOSX/");
      if (isEntry)
        members.push({ name, method: cd.readUInt16LE(p + 10), compressedSize, localOffset });
      p += 46 + nameLength + extraLength + commentLength;
    }
    if (members.length !== 1) throw bad(file, inferMessages.zipMembers(members.map((m) => m.name)));
    const member = members[0] as ZipMember;
    if (member.method !== 0 && member.method !== 8)
      throw bad(file, `compression method ${member.method} (only stored or deflate)`);
    const local = Buffer.alloc(30);
    await handle.read(local, 0, 30, member.localOffset);
    if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw bad(file, "corrupt zip archive");
    const dataOffset = member.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    return { ...member, dataOffset };
  } finally {
    await handle.close();
  }
}

function delimiterOf(name: string): string {
  return /\.tsv$/i.test(name) ? "\t" : ",";
}

/** Opens a train/test/submission file for streaming; parquet is refused (see README: --from-data). */
export async function openDataFile(file: string): Promise<DataStream> {
  const base = path.basename(file);
  if (/\.parquet$/i.test(base))
    throw new MlStarterError("INVALID_DATA", inferMessages.parquet(base));
  if (/\.zip$/i.test(base)) {
    const member = await zipMember(file);
    if (!/\.(csv|tsv)$/i.test(member.name)) throw bad(file, inferMessages.zipNotCsv(member.name));
    const end = member.dataOffset + member.compressedSize - 1;
    return {
      delimiter: delimiterOf(member.name),
      open: () => {
        if (member.compressedSize === 0) return Readable.from([]);
        const raw = createReadStream(file, { start: member.dataOffset, end: end });
        if (member.method === 0) return raw;
        const inflate = createInflateRaw();
        raw.on("error", (error) => inflate.destroy(error));
        inflate.on("close", () => raw.destroy());
        return raw.pipe(inflate);
      },
    };
  }
  return {
    delimiter: delimiterOf(base),
    open: () => createReadStream(file, { highWaterMark: 1 << 16 }),
  };
}
