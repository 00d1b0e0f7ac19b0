/** The Teams icon rules, on the committed icons and on the replacements an MSP might drop into appPackage/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findIconProblems } from '../../manifest/check-icons';
import { readPng, readPngSize } from '../../manifest/read-png';
import { encodePng } from '../support/encode-png';

const appPackage = path.join(__dirname, '..', '..', 'appPackage');
const committed = {
  color: readFileSync(path.join(appPackage, 'color.png')),
  outline: readFileSync(path.join(appPackage, 'outline.png')),
};

/** A 32×32 RGBA outline: a white square glyph in the middle of a transparent background, unless told otherwise. */
function outline(glyph: [number, number, number, number] = [255, 255, 255, 255], background = [0, 0, 0, 0]): Buffer {
  const samples: number[] = [];
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) samples.push(...(x > 8 && x < 24 && y > 8 && y < 24 ? glyph : background));
  }
  return encodePng(32, 32, samples, { filters: [0, 1, 2, 3, 4] });
}

it('commits a 192×192 colour icon and a 32×32 outline icon', () => {
  expect(readPngSize(committed.color)).toEqual({ width: 192, height: 192 });
  expect(readPngSize(committed.outline)).toEqual({ width: 32, height: 32 });
});

it('commits an outline icon that is white on a transparent background', () => {
  const { rgba } = readPng(committed.outline);
  const pixels = Array.from({ length: rgba.length / 4 }, (_, i) => [...rgba.subarray(i * 4, i * 4 + 4)]);
  const visible = pixels.filter(([, , , alpha]) => alpha! > 0);
  expect(pixels[0]![3]).toBe(0); // the corners are background
  expect(visible.length).toBeGreaterThan(0);
  expect(visible.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
  expect(findIconProblems(committed)).toEqual([]);
});

it('accepts a white glyph with anti-aliased (half transparent) edges', () => {
  expect(findIconProblems({ ...committed, outline: outline([255, 255, 255, 128]) })).toEqual([]);
});

it('refuses icons of the wrong size, naming the size wanted', () => {
  expect(findIconProblems({ color: committed.outline, outline: committed.color })).toEqual([
    'color.png must be 192×192 pixels (the full-colour icon), but it is 32×32.',
    'outline.png must be 32×32 pixels (the outline icon), but it is 192×192.',
  ]);
});

it('refuses an outline icon with a colour or without a transparent background', () => {
  expect(findIconProblems({ ...committed, outline: outline([58, 91, 217, 255]) })).toEqual([
    'outline.png must be white only, but 225 of its 225 visible pixels have a colour.',
  ]);
  expect(findIconProblems({ ...committed, outline: outline(undefined, [0, 0, 0, 255]) })).toEqual([
    'outline.png must have a transparent background, but only 0 of its 1024 pixels are transparent.',
    'outline.png must be white only, but 799 of its 1024 visible pixels have a colour.',
  ]);
});

it('refuses a file that is not a PNG', () => {
  expect(findIconProblems({ ...committed, color: Buffer.from('<svg/>') })).toEqual([
    'color.png must be a PNG file (the full-colour icon), but it is not a PNG file.',
  ]);
});
