/**
 * Street scenes for the demo, drawn locally (no downloads): a sky, a road, cars, people and trees,
 * placed by a seeded random source so the same demo is drawn every time.
 */
import sharp from 'sharp';
import { seededRandom } from '../core/quality/seeded-random.ts';

export interface Scene {
  png: Buffer;
  width: number;
  height: number;
  /** What was drawn, as boxes: usable as pre-annotations and as the known answer. */
  objects: { label: 'car' | 'person' | 'bicycle'; x: number; y: number; width: number; height: number }[];
  timeOfDay: 'day' | 'dusk' | 'night';
}

const SKIES = { day: ['#8ec5ff', '#dff1ff'], dusk: ['#f49a6c', '#5b4b8a'], night: ['#0b1030', '#29305a'] } as const;
const CAR_COLOURS = ['#c0392b', '#2c3e50', '#f1c40f', '#ecf0f1', '#16a085', '#8e44ad', '#d35400'];

export async function drawScene(index: number, width = 640, height = 400): Promise<Scene> {
  const rnd = seededRandom(1000 + index);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const timeOfDay = pick(['day', 'day', 'dusk', 'night'] as const);
  const [top, bottom] = SKIES[timeOfDay];
  const horizon = Math.round(height * (0.42 + rnd() * 0.1));
  const parts: string[] = [
    `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>`,
    `<rect width="${width}" height="${horizon}" fill="url(#sky)"/>`,
    `<rect y="${horizon}" width="${width}" height="${height - horizon}" fill="${timeOfDay === 'night' ? '#1d1d1d' : '#6b6b6b'}"/>`,
    `<rect y="${horizon}" width="${width}" height="14" fill="#9a9a9a"/>`,
  ];
  for (let x = 20; x < width; x += 80) parts.push(`<rect x="${x}" y="${Math.round((horizon + height) / 2)}" width="40" height="5" fill="#f5f5f5"/>`);
  for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) {
    const x = Math.round(rnd() * (width - 60));
    parts.push(`<rect x="${x + 22}" y="${horizon - 50}" width="10" height="50" fill="#6d4c2f"/><circle cx="${x + 27}" cy="${horizon - 62}" r="26" fill="#2e7d32"/>`);
  }
  const objects: Scene['objects'] = [];
  for (let i = 0, n = 1 + Math.floor(rnd() * 4); i < n; i++) {
    const w = Math.round(90 + rnd() * 70);
    const h = Math.round(w * 0.45);
    const x = Math.round(rnd() * (width - w - 2)) + 1;
    const y = Math.round(horizon + 20 + rnd() * (height - horizon - h - 24));
    const colour = pick(CAR_COLOURS);
    parts.push(
      `<rect x="${x}" y="${y + h * 0.35}" width="${w}" height="${h * 0.45}" rx="8" fill="${colour}"/>`,
      `<rect x="${x + w * 0.2}" y="${y}" width="${w * 0.55}" height="${h * 0.42}" rx="8" fill="${colour}"/>`,
      `<rect x="${x + w * 0.27}" y="${y + h * 0.06}" width="${w * 0.41}" height="${h * 0.28}" rx="4" fill="#bfe3ff"/>`,
      `<circle cx="${x + w * 0.22}" cy="${y + h * 0.82}" r="${h * 0.18}" fill="#111"/><circle cx="${x + w * 0.78}" cy="${y + h * 0.82}" r="${h * 0.18}" fill="#111"/>`,
    );
    objects.push({ label: 'car', x, y, width: w, height: Math.min(h, height - y) });
  }
  for (let i = 0, n = Math.floor(rnd() * 4); i < n; i++) {
    const h = Math.round(60 + rnd() * 40);
    const w = Math.round(h * 0.4);
    const x = Math.round(rnd() * (width - w - 2)) + 1;
    const y = Math.max(1, Math.round(horizon - h * 0.6 + rnd() * 30));
    const shirt = pick(['#1565c0', '#ad1457', '#2e7d32', '#f9a825']);
    parts.push(
      `<circle cx="${x + w / 2}" cy="${y + h * 0.12}" r="${h * 0.11}" fill="#f1c27d"/>`,
      `<rect x="${x + w * 0.15}" y="${y + h * 0.24}" width="${w * 0.7}" height="${h * 0.4}" rx="4" fill="${shirt}"/>`,
      `<rect x="${x + w * 0.2}" y="${y + h * 0.62}" width="${w * 0.25}" height="${h * 0.38}" fill="#263238"/><rect x="${x + w * 0.55}" y="${y + h * 0.62}" width="${w * 0.25}" height="${h * 0.38}" fill="#263238"/>`,
    );
    objects.push({ label: 'person', x, y, width: w, height: h });
  }
  if (timeOfDay === 'night') parts.push(`<circle cx="${width - 60}" cy="50" r="22" fill="#fdf6c3"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 6 }).toBuffer();
  return { png, width, height, objects, timeOfDay };
}
