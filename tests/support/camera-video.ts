import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/**
 * Turns a PNG into the one-second 30 fps Y4M that Chromium's fake camera plays
 * (`--use-file-for-fake-video-capture`). 4:2:0 only: Chromium shows other layouts as green frames
 * (docs/scanning-findings.md §6). Needs `ffmpeg` on the PATH.
 */
export function pngToY4m(png: string, y4m: string): string {
  execFileSync("ffmpeg", [
    "-v",
    "error",
    "-y",
    "-loop",
    "1",
    "-i",
    png,
    "-t",
    "1",
    "-r",
    "30",
    "-pix_fmt",
    "yuv420p",
    y4m,
  ]);
  if (!existsSync(y4m)) throw new Error(`ffmpeg made no ${y4m}`);
  return y4m;
}
