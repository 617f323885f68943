import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { TRAY_LEVELS } from '../../../main/app/tray-state';

const BUILD = join(__dirname, '..', '..', '..', 'build');
const COLOURS = { ok: '2e7d32', warning: 'f9a825', problem: 'c62828', unknown: '757575' } as const;

/** Reads an 8-bit RGBA, filter-0 PNG as written by build/make-icons.mjs. */
function readPng(file: string): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  const types: string[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    types.push(type);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      assert.deepEqual([...body.subarray(8, 13)], [8, 6, 0, 0, 0], 'RGBA, 8 bits, not interlaced');
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  assert.deepEqual(types, ['IHDR', 'IDAT', 'IEND']);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4 + 1;
  assert.equal(raw.length, stride * height);
  return {
    width,
    height,
    pixel: (x, y) => {
      const at = y * stride + 1 + x * 4;
      return [...raw.subarray(at, at + 4)];
    },
  };
}

function hex(rgba: number[]): string {
  return rgba
    .slice(0, 3)
    .map((value) => value.toString(16).padStart(2, '0'))
    .join('');
}

describe('tray icons (build/icons, made by build/make-icons.mjs)', () => {
  for (const level of TRAY_LEVELS) {
    for (const [suffix, size] of [
      ['', 16],
      ['@2x', 32],
    ] as const) {
      it(`tray-${level}${suffix}.png is a ${size} px ${COLOURS[level]} disc on transparent`, () => {
        const png = readPng(join(BUILD, 'icons', `tray-${level}${suffix}.png`));
        assert.equal(png.width, size);
        assert.equal(png.height, size);
        const centre = png.pixel(size / 2, size / 2);
        assert.equal(hex(centre), COLOURS[level]);
        assert.equal(centre[3], 255);
        assert.equal(png.pixel(0, 0)[3], 0);
        assert.equal(png.pixel(size - 1, size - 1)[3], 0);
      });
    }
  }

  it('build/icon.png is a 256 px app icon', () => {
    const png = readPng(join(BUILD, 'icon.png'));
    assert.equal(png.width, 256);
    assert.equal(png.pixel(128, 128)[3], 255);
    assert.equal(png.pixel(0, 0)[3], 0);
  });
});
