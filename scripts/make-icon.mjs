// Draws the app icon and writes it in every format electron-builder wants:
//   build/icon.png   512×512, Linux (and the source of the others)
//   build/icon.ico   Windows: 16–256 px; 256 as PNG, the smaller sizes as
//                    32-bit BMPs, which every Windows tool (NSIS too) reads
//   build/icon.icns  macOS: PNG entries ic11–ic14 and ic07–ic10 (16@2x–512@2x)
//   build/icon.svg   the same shapes, for documents
// No image libraries: shapes are tested per pixel (supersampled for smooth
// edges at every size) and the files are written by hand with zlib.
// Deterministic: the same script writes the same bytes.
// Run: node scripts/make-icon.mjs
//
// The picture: a round coaching table seen from above, four seats around it,
// a "T" on the table, on a rounded square.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const BACKGROUND = [18, 80, 107]; // deep teal
const TABLE = [244, 185, 66]; // warm amber

const square = { x: 16, y: 16, w: 480, h: 480, r: 104 };
const table = { cx: 256, cy: 256, r: 128 };
const seats = [45, 135, 225, 315].map((deg) => {
  const a = (deg * Math.PI) / 180;
  return { cx: 256 + 188 * Math.cos(a), cy: 256 + 188 * Math.sin(a), r: 40 };
});
const letter = [
  { x: 190, y: 192, w: 132, h: 34 }, // the T's bar
  { x: 239, y: 192, w: 34, h: 132 }, // its stem
];

const inCircle = (c, x, y) => (x - c.cx) ** 2 + (y - c.cy) ** 2 <= c.r ** 2;
const inRect = (r, x, y) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
function inRoundedRect(r, x, y) {
  if (!inRect(r, x, y)) return false;
  const cx = Math.min(Math.max(x, r.x + r.r), r.x + r.w - r.r);
  const cy = Math.min(Math.max(y, r.y + r.r), r.y + r.h - r.r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r.r ** 2;
}

/** The colour at one sample point, or null outside the icon. */
function sample(x, y) {
  if (!inRoundedRect(square, x, y)) return null;
  if (letter.some((r) => inRect(r, x, y))) return BACKGROUND;
  if (inCircle(table, x, y) || seats.some((s) => inCircle(s, x, y))) return TABLE;
  return BACKGROUND;
}

/** RGBA rows for a PNG (each row starts with its filter byte), `size` px square. */
function render(size = SIZE) {
  const scale = SIZE / size;
  // At least 4×4 samples per pixel, more when shrinking, so small sizes stay smooth.
  const N = Math.max(4, Math.ceil(4 * scale));
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, hits = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const c = sample((x + (sx + 0.5) / N) * scale, (y + (sy + 0.5) / N) * scale);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          hits++;
        }
      }
      const i = row + 1 + x * 4;
      if (hits) {
        rows[i] = Math.round(r / hits);
        rows[i + 1] = Math.round(g / hits);
        rows[i + 2] = Math.round(b / hits);
        rows[i + 3] = Math.round((255 * hits) / (N * N));
      }
    }
  }
  return rows;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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

function png(rows, size = SIZE) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const rgb = (c) => `rgb(${c.join(',')})`;
  const circle = (c, fill) => `  <circle cx="${+c.cx.toFixed(2)}" cy="${+c.cy.toFixed(2)}" r="${c.r}" fill="${fill}"/>`;
  const rect = (r, fill, rx = 0) =>
    `  <rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}"${rx ? ` rx="${rx}"` : ''} fill="${fill}"/>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    rect(square, rgb(BACKGROUND), square.r),
    circle(table, rgb(TABLE)),
    ...seats.map((s) => circle(s, rgb(TABLE))),
    ...letter.map((r) => rect(r, rgb(BACKGROUND))),
    '</svg>',
    '',
  ].join('\n');
}

/** A 32-bit BMP as an ICO entry holds it: header, bottom-up BGRA pixels, an empty AND mask. */
function icoBitmap(rows, size) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // BITMAPINFOHEADER
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // the colour and mask bitmaps, stacked
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    const from = (size - 1 - y) * (1 + size * 4) + 1; // bottom-up
    for (let x = 0; x < size; x++) {
      const i = from + x * 4;
      const o = (y * size + x) * 4;
      pixels[o] = rows[i + 2];
      pixels[o + 1] = rows[i + 1];
      pixels[o + 2] = rows[i];
      pixels[o + 3] = rows[i + 3];
    }
  }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size); // transparency comes from alpha
  return Buffer.concat([header, pixels, mask]);
}

const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

function ico(renders) {
  const images = ICO_SIZES.map((size) => (size >= 256 ? png(renders(size), size) : icoBitmap(renders(size), size)));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map((data, i) => {
    const size = ICO_SIZES[i];
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images]);
}

/** ICNS entry types that hold a PNG, and their pixel size. */
const ICNS_TYPES = [
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic13', 256], // 128@2x
  ['ic08', 256],
  ['ic14', 512], // 256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
];

function icns(renders) {
  const entries = ICNS_TYPES.map(([type, size]) => {
    const data = png(renders(size), size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

const cache = new Map();
const renders = (size) => {
  if (!cache.has(size)) cache.set(size, render(size));
  return cache.get(size);
};

mkdirSync('build', { recursive: true });
writeFileSync('build/icon.png', png(renders(SIZE)));
writeFileSync('build/icon.ico', ico(renders));
writeFileSync('build/icon.icns', icns(renders));
writeFileSync('build/icon.svg', svg());
console.log('Wrote build/icon.png, build/icon.ico, build/icon.icns and build/icon.svg');
