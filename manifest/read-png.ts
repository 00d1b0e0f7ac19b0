/**
 * Reads a PNG into RGBA pixels, so the Teams package can check the icons an MSP drops into appPackage/ (their size,
 * and that the outline icon is white on transparent). Covers what image editors write for icons: 8-bit greyscale,
 * RGB, palette, grey+alpha and RGBA, non-interlaced, every row filter, transparency from tRNS.
 */
import { inflateSync } from 'node:zlib';

export interface PngImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom. */
  rgba: Uint8Array;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel by colour type: 0 grey, 2 RGB, 3 palette index, 4 grey+alpha, 6 RGBA. */
const channelsOf: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export class PngReadError extends Error {}

interface PngChunks {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
  palette?: Buffer;
  transparency?: Buffer;
  data: Buffer;
}

/** Only width and height, from the header: enough to say an icon has the wrong size without decoding it. */
export function readPngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(signature)) throw new PngReadError('it is not a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function readPng(png: Buffer): PngImage {
  const chunks = readChunks(png);
  const { width, height, bitDepth, colourType, interlace } = chunks;
  const channels = channelsOf[colourType];
  if (channels === undefined || bitDepth !== 8 || interlace !== 0) {
    throw new PngReadError(
      `it is a ${bitDepth}-bit PNG of colour type ${colourType}${interlace ? ', interlaced' : ''}; save it as a non-interlaced 8-bit PNG (RGBA)`,
    );
  }
  const rows = unfilter(inflateSync(chunks.data), width, height, channels);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(pixelAt(rows, i * channels, chunks), i * 4);
  }
  return { width, height, rgba };
}

function readChunks(png: Buffer): PngChunks {
  readPngSize(png);
  const parts: Buffer[] = [];
  let header: Buffer | undefined;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  let offset = 8;
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') parts.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length; // length, type, body, CRC
  }
  if (!header || parts.length === 0) throw new PngReadError('it is a PNG file without a header or image data');
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    bitDepth: header.readUInt8(8),
    colourType: header.readUInt8(9),
    interlace: header.readUInt8(12),
    palette,
    transparency,
    data: Buffer.concat(parts),
  };
}

/** Undoes the per-row filters (None, Sub, Up, Average, Paeth) and returns the raw samples, rows concatenated. */
function unfilter(filtered: Buffer, width: number, height: number, bytesPerPixel: number): Uint8Array {
  const stride = width * bytesPerPixel;
  if (filtered.length < height * (stride + 1)) throw new PngReadError('its image data is shorter than its size');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)]!;
    const source = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bytesPerPixel ? out[row + x - bytesPerPixel]! : 0;
      const up = y > 0 ? out[row - stride + x]! : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? out[row - stride + x - bytesPerPixel]! : 0;
      out[row + x] = (filtered[source + x]! + predict(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const estimate = left + up - upLeft;
      const [toLeft, toUp, toUpLeft] = [left, up, upLeft].map((value) => Math.abs(estimate - value));
      if (toLeft! <= toUp! && toLeft! <= toUpLeft!) return left;
      return toUp! <= toUpLeft! ? up : upLeft;
    }
    default:
      throw new PngReadError(`it uses an unknown row filter (${filter})`);
  }
}

function pixelAt(samples: Uint8Array, at: number, png: PngChunks): [number, number, number, number] {
  const { colourType, palette, transparency } = png;
  if (colourType === 6) return [samples[at]!, samples[at + 1]!, samples[at + 2]!, samples[at + 3]!];
  if (colourType === 4) return [samples[at]!, samples[at]!, samples[at]!, samples[at + 1]!];
  if (colourType === 3) {
    const index = samples[at]!;
    if (!palette || index * 3 + 2 >= palette.length) throw new PngReadError('it names a colour its palette lacks');
    const alpha = transparency && index < transparency.length ? transparency[index]! : 255;
    return [palette[index * 3]!, palette[index * 3 + 1]!, palette[index * 3 + 2]!, alpha];
  }
  const rgb: [number, number, number] =
    colourType === 0 ? [samples[at]!, samples[at]!, samples[at]!] : [samples[at]!, samples[at + 1]!, samples[at + 2]!];
  // tRNS for greyscale and RGB names one colour (16-bit samples) that is fully transparent.
  const clear =
    transparency !== undefined &&
    (colourType === 0
      ? transparency.readUInt16BE(0) === rgb[0]
      : transparency.length >= 6 &&
        transparency.readUInt16BE(0) === rgb[0] &&
        transparency.readUInt16BE(2) === rgb[1] &&
        transparency.readUInt16BE(4) === rgb[2]);
  return [...rgb, clear ? 0 : 255];
}
