/**
 * What Teams asks of the two icons of an app package: a full-colour icon of 192×192 pixels, and an outline icon of
 * 32×32 pixels that is white on a transparent background (Teams tints it). An MSP that rebrands replaces the PNGs in
 * appPackage/; these checks say in a sentence what is wrong with a replacement before Teams refuses the upload.
 */
import { PngReadError, readPng, readPngSize } from './read-png';

export const colorIconSize = 192;
export const outlineIconSize = 32;

/** A channel at least this bright counts as white (anti-aliased edges of a white glyph stay white, only fainter). */
const whiteEnough = 240;

const defaultNames = { color: 'color.png', outline: 'outline.png' };

/** Every problem with the icons, as sentences naming the file; [] when both are fine. */
export function findIconProblems(icons: { color: Buffer; outline: Buffer }, names = defaultNames): string[] {
  return [...checkColorIcon(icons.color, names.color), ...checkOutlineIcon(icons.outline, names.outline)];
}

function checkColorIcon(png: Buffer, name: string): string[] {
  return checkSize(png, name, colorIconSize, 'the full-colour icon');
}

function checkOutlineIcon(png: Buffer, name: string): string[] {
  const sizeProblems = checkSize(png, name, outlineIconSize, 'the outline icon');
  if (sizeProblems.length > 0) return sizeProblems;
  let pixels: Uint8Array;
  try {
    pixels = readPng(png).rgba;
  } catch (error) {
    if (error instanceof PngReadError) return [`${name} cannot be read: ${error.message}.`];
    throw error;
  }
  let transparent = 0;
  let visible = 0;
  let coloured = 0;
  for (let at = 0; at < pixels.length; at += 4) {
    const alpha = pixels[at + 3]!;
    if (alpha === 0) {
      transparent++;
      continue;
    }
    visible++;
    if (Math.min(pixels[at]!, pixels[at + 1]!, pixels[at + 2]!) < whiteEnough) coloured++;
  }
  const problems: string[] = [];
  const total = pixels.length / 4;
  if (transparent < total / 4) {
    problems.push(
      `${name} must have a transparent background, but only ${transparent} of its ${total} pixels are transparent.`,
    );
  }
  if (coloured > 0) {
    problems.push(`${name} must be white only, but ${coloured} of its ${visible} visible pixels have a colour.`);
  }
  if (visible === 0) problems.push(`${name} is fully transparent; it needs a white glyph.`);
  return problems;
}

function checkSize(png: Buffer, name: string, size: number, what: string): string[] {
  let actual: { width: number; height: number };
  try {
    actual = readPngSize(png);
  } catch (error) {
    if (error instanceof PngReadError) return [`${name} must be a PNG file (${what}), but ${error.message}.`];
    throw error;
  }
  if (actual.width === size && actual.height === size) return [];
  return [`${name} must be ${size}×${size} pixels (${what}), but it is ${actual.width}×${actual.height}.`];
}
