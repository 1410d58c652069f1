// Draws the Groundup mark (three bars rising from a ground line) and writes assets/icon-<size>.png.
// Run with `node scripts/make-icons.mjs`; the PNGs are committed, so this only reruns when the mark changes.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

// Ribbon sizes (learn.microsoft.com/javascript/api/manifest/image): 16, 32 and 80 px are mandatory,
// 20 px is the first of the optional ones, drawn here so a ribbon between 100 % and 200 % gets a sharp
// icon instead of a scaled 16 or 32. 32 and 64 px are also the listing icons (IconUrl, HighResolutionIconUrl).
const SIZES = [16, 20, 32, 64, 80];
const SUPERSAMPLES = 4;

const GROUND = { rgb: [0x1f, 0x3a, 0x3d], y0: 0.86, y1: 0.95 };
// Geometry is in fractions of the icon size; edges snap to whole pixels so the 16 px icon stays crisp.
const BARS = [
  { rgb: [0x8f, 0xd8, 0xc0], x0: 0.06, x1: 0.3, top: 0.5 },
  { rgb: [0x2e, 0xa8, 0x8c], x0: 0.38, x1: 0.62, top: 0.28 },
  { rgb: [0x0e, 0x74, 0x66], x0: 0.7, x1: 0.94, top: 0.05 },
];

function snap(fraction, size) {
  return Math.round(fraction * size);
}

function insideRoundedTop(x, y, rect, radius) {
  if (x < rect.x0 || x >= rect.x1 || y < rect.y0 || y >= rect.y1) return false;
  const cy = rect.y0 + radius;
  if (y >= cy) return true;
  const cx = x < rect.x0 + radius ? rect.x0 + radius : x > rect.x1 - radius ? rect.x1 - radius : x;
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function shapesFor(size) {
  const groundY0 = snap(GROUND.y0, size);
  const groundY1 = Math.max(groundY0 + 1, snap(GROUND.y1, size));
  const radius = Math.max(0.75, size * 0.05);
  const bars = BARS.map((bar) => ({
    rgb: bar.rgb,
    rect: { x0: snap(bar.x0, size), x1: snap(bar.x1, size), y0: snap(bar.top, size), y1: groundY0 },
    radius,
  }));
  const ground = {
    rgb: GROUND.rgb,
    rect: { x0: 0, x1: size, y0: groundY0, y1: groundY1 },
    radius: 0,
  };
  return [...bars, ground];
}

function render(size) {
  const shapes = shapesFor(size);
  const rgba = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLES * SUPERSAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLES; sy++) {
        for (let sx = 0; sx < SUPERSAMPLES; sx++) {
          const x = px + (sx + 0.5) / SUPERSAMPLES;
          const y = py + (sy + 0.5) / SUPERSAMPLES;
          const shape = shapes.find((s) => insideRoundedTop(x, y, s.rect, s.radius));
          if (shape) {
            covered++;
            shape.rgb.forEach((channel, i) => (sum[i] += channel));
          }
        }
      }
      const offset = (py * size + px) * 4;
      if (covered > 0) {
        rgba[offset] = Math.round(sum[0] / covered);
        rgba[offset + 1] = Math.round(sum[1] / covered);
        rgba[offset + 2] = Math.round(sum[2] / covered);
        rgba[offset + 3] = Math.round((255 * covered) / samples);
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const stride = size * 4;
  const scanlines = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    // Each scanline starts with its filter type; 0 (none) keeps the encoder trivial.
    rgba.copy(scanlines, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(scanlines, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const assetsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "assets");
mkdirSync(assetsDir, { recursive: true });
for (const size of SIZES) {
  const file = path.join(assetsDir, `icon-${size}.png`);
  writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
