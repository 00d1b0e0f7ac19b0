/**
 * Writes small PNGs for tests of the icon checks: any colour type m365ops reads, each row with the filter asked
 * for (as image editors mix them), so the reader's unfiltering is checked against an independent encoder.
 */
import { deflateSync } from 'node:zlib';

export interface PngOptions {
  /** 6 RGBA (default), 2 RGB, 4 grey+alpha, 0 grey, 3 palette (then `palette` and optional `transparency`). */
  colourType?: 0 | 2 | 3 | 4 | 6;
  /** The filter of each row, by row index (cycled): 0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth. */
  filters?: number[];
  palette?: number[][];
  transparency?: number[];
  interlace?: boolean;
}

/** `samples` holds each pixel's samples for the colour type (4 for RGBA, 1 index for palette, …), rows top down. */
export function encodePng(width: number, height: number, samples: number[], options: PngOptions = {}): Buffer {
  const colourType = options.colourType ?? 6;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType];
  const stride = width * channels;
  const raw = Uint8Array.from(samples);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    const filter = (options.filters ?? [0])[y % (options.filters ?? [0]).length]!;
    rows.push(filter);
    for (let x = 0; x < stride; x++) {
      const at = y * stride + x;
      const left = x >= channels ? raw[at - channels]! : 0;
      const up = y > 0 ? raw[at - stride]! : 0;
      const upLeft = y > 0 && x >= channels ? raw[at - stride - channels]! : 0;
      rows.push((raw[at]! - predictor(filter, left, up, upLeft)) & 0xff);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colourType, 0, 0, options.interlace ? 1 : 0], 8);
  const chunks = [chunk('IHDR', header)];
  if (options.palette) chunks.push(chunk('PLTE', Buffer.from(options.palette.flat())));
  if (options.transparency) chunks.push(chunk('tRNS', Buffer.from(options.transparency)));
  chunks.push(chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks]);
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  if (filter === 1) return left;
  if (filter === 2) return up;
  if (filter === 3) return Math.floor((left + up) / 2);
  if (filter === 4) {
    const p = left + up - upLeft;
    const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
    return a <= b && a <= c ? left : b <= c ? up : upLeft;
  }
  return 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
