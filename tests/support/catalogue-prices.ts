/**
 * A small café catalogue as `priceOrder` reads it (lib/contract/order-pricing.ts), for the pricing
 * and goods_name specs: a latte with a size group (single choice) and extras (several), a tea, a
 * croissant, an item without a Chinese name and a deactivated one.
 */
import type { CatalogueOptionPrice, CataloguePrice, CataloguePrices } from "@/lib/contract/order-pricing";

const size = { id: "size", singleChoice: true };
const extras = { id: "extras", singleChoice: false };

function options(entries: Record<string, CatalogueOptionPrice>): ReadonlyMap<string, CatalogueOptionPrice> {
  return new Map(Object.entries(entries));
}

const CAFE: Readonly<Record<string, CataloguePrice>> = {
  latte: {
    name: { en: "Latte", zh: "拿鐵" },
    price: 3800,
    active: true,
    options: options({
      small: { name: { en: "Small", zh: "細" }, priceDelta: -300, group: size },
      large: { name: { en: "Large", zh: "大" }, priceDelta: 500, group: size },
      oat: { name: { en: "Oat milk", zh: "燕麥奶" }, priceDelta: 500, group: extras },
      shot: { name: { en: "Extra shot", zh: "加濃" }, priceDelta: 700, group: extras },
    }),
  },
  tea: { name: { en: "Lemon tea", zh: "檸檬茶" }, price: 2850, active: true, options: options({}) },
  croissant: { name: { en: "Croissant", zh: "牛角包" }, price: 2500, active: true, options: options({}) },
  water: {
    name: { en: "Water", zh: null },
    price: 0,
    active: true,
    options: options({ cheap: { name: { en: "Cup", zh: null }, priceDelta: -1, group: extras } }),
  },
  scone: { name: { en: "Scone", zh: "鬆餅" }, price: 2200, active: false, options: options({}) },
};

/** The lookup over `CAFE`, as the catalogue helper will provide over the real one. */
export const cafePrices: CataloguePrices = (itemId) => (Object.hasOwn(CAFE, itemId) ? CAFE[itemId] : undefined);
