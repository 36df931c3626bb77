/**
 * Writes the PWA's icons into apps/web/public/icons (committed; run again only when the mark changes):
 * 192 and 512 px for the install prompt, a 512 px maskable one, and 180 px for iOS's home screen.
 * No image library: a tiny rasteriser and PNG encoder in scripts/pwa-icons.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { drawIcon } from './pwa-icons/draw-icon';
import { encodePng } from './pwa-icons/png';

const out = resolve(import.meta.dirname, '../apps/web/public/icons');
mkdirSync(out, { recursive: true });

const icons = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
];

for (const { file, size, maskable } of icons) {
  writeFileSync(join(out, file), encodePng(drawIcon({ size, maskable })));
  console.log(`wrote ${join(out, file)}`);
}
