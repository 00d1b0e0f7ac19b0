/** The PNG reader behind the icon checks, against an independent encoder and every row filter. */
import { PngReadError, readPng, readPngSize } from '../../manifest/read-png';
import { encodePng } from '../support/encode-png';

/** A 5×4 RGBA image with distinct values everywhere, so every filter has something to predict. */
const width = 5;
const height = 4;
const rgba = Array.from({ length: width * height * 4 }, (_, i) => (i * 37 + (i >> 2) * 11) & 0xff);

it.each([0, 1, 2, 3, 4])('reads rows written with filter %i', (filter) => {
  const image = readPng(encodePng(width, height, rgba, { filters: [filter] }));
  expect(image).toMatchObject({ width, height });
  expect([...image.rgba]).toEqual(rgba);
});

it('reads rows whose filters change from row to row', () => {
  expect([...readPng(encodePng(width, height, rgba, { filters: [4, 0, 3, 1] })).rgba]).toEqual(rgba);
});

it('reads grey+alpha, RGB and grey as RGBA', () => {
  expect([...readPng(encodePng(2, 1, [10, 0, 200, 255], { colourType: 4 })).rgba]).toEqual([
    10, 10, 10, 0, 200, 200, 200, 255,
  ]);
  expect([...readPng(encodePng(1, 1, [1, 2, 3], { colourType: 2 })).rgba]).toEqual([1, 2, 3, 255]);
  expect([...readPng(encodePng(1, 1, [9], { colourType: 0 })).rgba]).toEqual([9, 9, 9, 255]);
});

it('reads a palette image with its transparency', () => {
  const png = encodePng(3, 1, [0, 1, 1], {
    colourType: 3,
    palette: [
      [0, 0, 0],
      [255, 255, 255],
    ],
    transparency: [0],
  });
  expect([...readPng(png).rgba]).toEqual([0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255]);
});

it('reads the size from the header alone', () => {
  expect(readPngSize(encodePng(width, height, rgba))).toEqual({ width, height });
});

it('refuses what it cannot read, saying how to save it', () => {
  expect(() => readPngSize(Buffer.from('GIF89a…'))).toThrow(PngReadError);
  expect(() => readPng(encodePng(1, 1, [0, 0, 0, 0], { interlace: true }))).toThrow(/non-interlaced 8-bit PNG/);
});
