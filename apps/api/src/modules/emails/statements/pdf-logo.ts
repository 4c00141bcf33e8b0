import { PNG } from 'pngjs';

import { LogoImage } from '../templates';

/** Three times the 200×56 pt logo box: sharp when printed, small to embed. */
const MAX_WIDTH = 600;
const MAX_HEIGHT = 168;
const CACHE_SIZE = 16;

const prepared = new Map<string, Buffer | null>();

/**
 * The logo as pdfkit can embed it cheaply, or null when it can't be drawn. pdfkit copies JPEG and
 * opaque PNG data into the PDF as they are, but decodes a PNG with transparency pixel by pixel in
 * JavaScript on every document (tens of milliseconds for a typical logo, hundreds for a large
 * one). A statement run draws the same logo thousands of times, so a PNG is flattened onto the
 * page's white and scaled down once, and the result kept per logo.
 */
export function pdfLogo(logo: LogoImage): Buffer | null {
  if (logo.mediaType === 'image/jpeg') return Buffer.from(logo.base64, 'base64');
  if (logo.mediaType !== 'image/png') return null;
  const cached = prepared.get(logo.dataUrl);
  if (cached !== undefined) {
    // Map keeps insertion order: re-inserting makes this the most recently used entry.
    prepared.delete(logo.dataUrl);
    prepared.set(logo.dataUrl, cached);
    return cached;
  }
  const result = flattenPng(Buffer.from(logo.base64, 'base64'));
  prepared.set(logo.dataUrl, result);
  if (prepared.size > CACHE_SIZE) prepared.delete(prepared.keys().next().value!);
  return result;
}

function flattenPng(data: Buffer): Buffer | null {
  let source: PNG;
  try {
    source = PNG.sync.read(data);
  } catch {
    return null;
  }
  if (source.width === 0 || source.height === 0) return null;
  const scale = Math.min(1, MAX_WIDTH / source.width, MAX_HEIGHT / source.height);
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const target = new PNG({ height, width });
  for (let y = 0; y < height; y += 1) {
    const top = Math.floor((y * source.height) / height);
    const bottom = Math.max(top + 1, Math.floor(((y + 1) * source.height) / height));
    for (let x = 0; x < width; x += 1) {
      const left = Math.floor((x * source.width) / width);
      const right = Math.max(left + 1, Math.floor(((x + 1) * source.width) / width));
      const rgb = averageOnWhite(source, left, top, right, bottom);
      const offset = (y * width + x) * 4;
      target.data[offset] = rgb[0];
      target.data[offset + 1] = rgb[1];
      target.data[offset + 2] = rgb[2];
      target.data[offset + 3] = 255;
    }
  }
  return PNG.sync.write(target, { colorType: 2 });
}

/** The mean colour of a block of source pixels, each composited onto white first. */
function averageOnWhite(
  source: PNG,
  left: number,
  top: number,
  right: number,
  bottom: number,
): [number, number, number] {
  const sums = [0, 0, 0];
  for (let y = top; y < bottom; y += 1) {
    for (let x = left; x < right; x += 1) {
      const offset = (y * source.width + x) * 4;
      const alpha = source.data[offset + 3] / 255;
      for (let channel = 0; channel < 3; channel += 1)
        sums[channel] += source.data[offset + channel] * alpha + 255 * (1 - alpha);
    }
  }
  const count = (right - left) * (bottom - top);
  return [Math.round(sums[0] / count), Math.round(sums[1] / count), Math.round(sums[2] / count)];
}
