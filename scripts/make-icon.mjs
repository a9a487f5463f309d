// Draws the app icon, build/icon.png (512×512, what electron-builder turns into
// the Linux, Windows and macOS icons) and the same shapes as build/icon.svg.
// No image libraries: shapes are tested per pixel (4×4 samples for smooth
// edges) and the PNG is written by hand with zlib. Run: node scripts/make-icon.mjs
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

function render() {
  const N = 4;
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4);
    rows[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      let r = 0, g = 0, b = 0, hits = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const c = sample(x + (sx + 0.5) / N, y + (sy + 0.5) / N);
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

function png(rows) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
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

mkdirSync('build', { recursive: true });
writeFileSync('build/icon.png', png(render()));
writeFileSync('build/icon.svg', svg());
console.log('Wrote build/icon.png and build/icon.svg');
