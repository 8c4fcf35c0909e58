#!/usr/bin/env node
// Renders build/icon.png (1024×1024, RGBA) from the same design as
// renderer/public/icon.svg: a white "M" on a blue rounded square. electron-builder
// derives the macOS .icns, the Windows .ico and the Linux sizes from this one
// file, so it is the only icon kept in the repo. No image library is needed:
// the shapes are two polygons and a rounded rectangle, drawn with 4×4
// supersampling and written as a PNG by hand (zlib + CRC-32).
// Usage: node build/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const SCALE = SIZE / 64; // the SVG's viewBox is 64 units wide
const RADIUS = 14;
const BLUE = [0x1f, 0x6f, 0xeb];
const WHITE = [0xff, 0xff, 0xff];
// The SVG path "M14 46V18h7l11 15 11-15h7v28h-7V30l-11 14-11-14v16z" as points.
const M_SHAPE = [
  [14, 46],
  [14, 18],
  [21, 18],
  [32, 33],
  [43, 18],
  [50, 18],
  [50, 46],
  [43, 46],
  [43, 30],
  [32, 44],
  [21, 30],
  [21, 46],
];

function insideRoundedSquare(x, y) {
  const cx = Math.min(Math.max(x, RADIUS), 64 - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), 64 - RADIUS);
  return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS ** 2;
}

function insidePolygon(x, y, points) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function renderIcon() {
  const SUB = 4;
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    raw[row] = 0; // PNG filter type "None"
    for (let px = 0; px < SIZE; px++) {
      let cover = 0;
      let white = 0;
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) {
          const x = (px + (sx + 0.5) / SUB) / SCALE;
          const y = (py + (sy + 0.5) / SUB) / SCALE;
          if (!insideRoundedSquare(x, y)) continue;
          cover++;
          if (insidePolygon(x, y, M_SHAPE)) white++;
        }
      }
      const o = row + 1 + px * 4;
      const w = cover === 0 ? 0 : white / cover;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(BLUE[c] * (1 - w) + WHITE[c] * w);
      raw[o + 3] = Math.round((cover / (SUB * SUB)) * 255);
    }
  }
  return encodePng(SIZE, SIZE, raw);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2] ?? new URL('./icon.png', import.meta.url).pathname;
  writeFileSync(out, renderIcon());
  console.log(`wrote ${out}`);
}
