"use client";
/**
 * A link of the top bar: a plain <a> whose plain left click navigates inside the app (router.push,
 * as next/link does), so every POS page's first load is spared next/link's code (~3.5 KB gzip,
 * docs/first-load.md). What next/link adds besides is prefetching, which buys nothing here: every
 * POS page is rendered per request, and the bar's few links are always on screen. A click with a
 * modifier (new tab or window) is left to the browser.
 */
import { useRouter } from "next/navigation";
import type { AnchorHTMLAttributes } from "react";

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

export function ShellLink({ href, onClick, ...props }: Props) {
  const router = useRouter();
  return (
    <a
      href={href}
      {...props}
      onClick={(event) => {
        onClick?.(event);
        if (
          event.defaultPrevented ||
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey ||
          props.target
        )
          return;
        event.preventDefault();
        router.push(href);
      }}
    />
  );
}
