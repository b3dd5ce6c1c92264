/**
 * Draws the web-app icons in `public/icons/` from `public/icon.svg` (run once, commit the PNGs):
 *   icon-192.png, icon-512.png           "any": the rounded tile exactly as in icon.svg;
 *   icon-maskable-192.png, -512.png      "maskable": the tile drawn full-bleed (no rounded corners),
 *                                        so the launcher's mask crops teal, never transparency. The
 *                                        scanner glyph already sits inside the 80 % safe circle.
 * Usage: npx tsx scripts/generate-pwa-icons.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";

const root = path.resolve(import.meta.dirname, "..");
const source = readFileSync(path.join(root, "public", "icon.svg"), "utf8");
const outDir = path.join(root, "public", "icons");

/** The SVG at a given pixel size (the source has only a viewBox). */
function sized(svg: string, px: number): Buffer {
  return Buffer.from(svg.replace("<svg ", `<svg width="${px}" height="${px}" `));
}

const fullBleed = source.replace(/<rect([^>]*?)\srx="[^"]*"/, "<rect$1");
if (fullBleed === source) throw new Error("public/icon.svg changed shape: expected a <rect … rx=…> tile");

async function draw(svg: string, px: number, file: string): Promise<void> {
  const canvas = createCanvas(px, px);
  const image = await loadImage(sized(svg, px));
  canvas.getContext("2d").drawImage(image, 0, 0, px, px);
  writeFileSync(path.join(outDir, file), await canvas.encode("png"));
  console.log(`public/icons/${file}`);
}

mkdirSync(outDir, { recursive: true });
for (const px of [192, 512]) {
  await draw(source, px, `icon-${px}.png`);
  await draw(fullBleed, px, `icon-maskable-${px}.png`);
}
