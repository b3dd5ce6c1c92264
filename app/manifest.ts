import type { MetadataRoute } from "next";
import tailwind from "@/tailwind.config";

const brand = tailwind.theme.extend.colors.brand;

/** The installable web app (served at /manifest.webmanifest; Next adds the <link rel="manifest">). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/sale",
    name: "ScanTill",
    short_name: "ScanTill",
    description: "Wallet payments at the counter, through QFPay",
    start_url: "/sale",
    scope: "/",
    display: "standalone",
    orientation: "any",
    theme_color: brand.DEFAULT,
    background_color: brand.light,
    categories: ["business", "finance"],
    // PNGs drawn from public/icon.svg by scripts/generate-pwa-icons.ts.
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
