/**
 * The Teams app icons, drawn in code so the package needs no binary files in git: a 192×192 full-colour icon and a
 * 32×32 transparent outline icon with a white outline (a chat bubble holding a person), encoded as PNG with zlib.
 */
import { deflateSync } from 'node:zlib';

type Pixel = [number, number, number, number];
const white: Pixel = [255, 255, 255, 255];
const clear: Pixel = [0, 0, 0, 0];
const accent: Pixel = [0x3a, 0x5b, 0xd9, 255];

/** One shape of the icon in unit coordinates (0..1): whether a point is painted. */
type Shape = (x: number, y: number) => boolean;

function ring(cx: number, cy: number, r: number, width: number): Shape {
  return (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= width / 2;
}

function disc(cx: number, cy: number, r: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) <= r;
}

/** The bubble's tail: a triangle below-left of the ring. */
function tail(width: number): Shape {
  return (x, y) => y >= 0.72 && y <= 0.9 && x >= 0.2 && x <= 0.36 && x - 0.2 <= (0.9 - y) * (0.16 / 0.18) + width;
}

/** A person: a head and the top half of a shoulder ring. */
function person(stroke: number): Shape[] {
  const shoulders = ring(0.5, 0.68, 0.15, stroke);
  return [disc(0.5, 0.4, 0.08), (x, y) => y <= 0.68 && shoulders(x, y)];
}

function draw(size: number, background: Pixel, shapes: Shape[]): Buffer {
  const samples = 4; // supersampling per axis, for smooth edges
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (shapes.some((shape) => shape(x, y))) covered++;
        }
      }
      const share = covered / (samples * samples);
      const pixel = blend(background, white, share);
      row.set(pixel, 1 + px * 4);
    }
    rows.push(row);
  }
  return encodePng(size, size, Buffer.concat(rows));
}

function blend(under: Pixel, over: Pixel, share: number): Pixel {
  if (under[3] === 0) return [over[0], over[1], over[2], Math.round(255 * share)];
  return [0, 1, 2, 3].map((i) => Math.round(under[i]! * (1 - share) + over[i]! * share)) as Pixel;
}

export function drawColorIcon(): Buffer {
  const stroke = 0.045;
  return draw(192, accent, [ring(0.5, 0.48, 0.34, stroke), tail(stroke), ...person(stroke)]);
}

export function drawOutlineIcon(): Buffer {
  const stroke = 0.09;
  return draw(32, clear, [ring(0.5, 0.48, 0.36, stroke), tail(stroke), ...person(stroke)]);
}

function encodePng(width: number, height: number, filteredRows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
