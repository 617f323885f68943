// Writes the tray images (build/icons/tray-<level>.png, 16 px, and @2x, 32 px) and the app icon (build/icon.png, 256 px).
// The PNGs are encoded here (signature, IHDR, IDAT, IEND) so the build needs no image library.
// Run: node build/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Tray colours per level (Material 800/A700 tones: readable on light and dark panels). */
export const TRAY_COLOURS = {
  ok: '#2e7d32',
  warning: '#f9a825',
  problem: '#c62828',
  unknown: '#757575',
};
const APP_ICON_COLOUR = '#1565c0';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (width*height*4 bytes, rows top to bottom) as a PNG. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function parseHex(hex) {
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
}

/** Paints a shape given as inside(x, y) over [0, size)², with 4×4 supersampling for smooth edges. */
function paint(size, hex, inside) {
  const [r, g, b] = parseHex(hex);
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          if (inside(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples)) covered += 1;
        }
      }
      const at = (y * size + x) * 4;
      pixels[at] = r;
      pixels[at + 1] = g;
      pixels[at + 2] = b;
      pixels[at + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return pixels;
}

/** A filled circle leaving a one-pixel margin at 16 px (scaled with the size). */
export function circlePng(size, hex) {
  const centre = size / 2;
  const radius = size / 2 - size / 16;
  return encodePng(size, size, paint(size, hex, (x, y) => Math.hypot(x - centre, y - centre) <= radius));
}

/** The app icon: a disc with a ring cut out of it, like a gauge. */
function appIconPng(size, hex) {
  const centre = size / 2;
  const outer = size / 2 - size / 32;
  const ringInner = outer * 0.52;
  const ringOuter = outer * 0.68;
  return encodePng(
    size,
    size,
    paint(size, hex, (x, y) => {
      const d = Math.hypot(x - centre, y - centre);
      return d <= outer && (d < ringInner || d > ringOuter);
    }),
  );
}

function write(file, bytes) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  console.log(`wrote ${file} (${bytes.length} bytes)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [level, colour] of Object.entries(TRAY_COLOURS)) {
    write(join(HERE, 'icons', `tray-${level}.png`), circlePng(16, colour));
    write(join(HERE, 'icons', `tray-${level}@2x.png`), circlePng(32, colour));
  }
  write(join(HERE, 'icon.png'), appIconPng(256, APP_ICON_COLOUR));
}
