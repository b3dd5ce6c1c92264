"use client";

import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useId, useState, type ReactNode } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import "@/lib/i18n/catalog/common";

/**
 * On a phone, what the top bar has no room for (the pages, the person's account, language, sign
 * out) sits behind one button and opens over the page, so the bar never grows a row
 * (docs/phone-layout.md §2). Those controls live in two places of the bar (the pages on the left,
 * the account on the right, as a tablet shows them), so the menu is two parts that share one
 * open state. From `md` up a part is `display: contents`: the bar is exactly as before.
 */
type Menu = { open: boolean; panelId: string; toggle(): void; close(): void };

const MenuContext = createContext<Menu | null>(null);
const MARK = "data-top-bar-menu";

function useMenu(): Menu {
  const menu = useContext(MenuContext);
  if (!menu) throw new Error("TopBarMenu parts must sit inside <TopBarMenu>");
  return menu;
}

export function TopBarMenu({ children }: { children: ReactNode }) {
  const panelId = useId();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);

  // Another page: the menu has done its job.
  if (pathname !== openedOn) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      document.querySelector<HTMLElement>(`[${MARK}="button"]`)?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!(event.target as Element).closest?.(`[${MARK}]`)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const menu: Menu = { open, panelId, toggle: () => setOpen((was) => !was), close: () => setOpen(false) };
  return <MenuContext.Provider value={menu}>{children}</MenuContext.Provider>;
}

/**
 * One part of the menu. Below `md`, open, it is a full-width row wrapped after the bar's only
 * line, overflowing the bar's fixed height over the page; the account part, last, closes the
 * sheet with a shadow.
 */
export function TopBarMenuPart({
  part,
  children,
  className = "",
}: {
  part: "pages" | "account";
  children: ReactNode;
  className?: string;
}) {
  const { open, panelId, close } = useMenu();
  const last = part === "account";
  return (
    <div
      id={`${panelId}-${part}`}
      {...{ [MARK]: "part" }}
      data-open={open ? "true" : "false"}
      // A link tapped in the menu (even to the page already shown) closes it.
      onClick={(event) => {
        if ((event.target as Element).closest("a")) close();
      }}
      className={`md:contents ${
        open
          ? `max-md:order-last max-md:-mx-3 max-md:flex max-md:basis-[calc(100%+1.5rem)] max-md:bg-white max-md:px-3 max-md:py-2 ${last ? "max-md:border-b max-md:border-slate-200 max-md:shadow-lg" : "max-md:mt-1.5 max-md:border-t max-md:border-slate-200"}`
          : "max-md:hidden"
      } ${className}`}
    >
      {children}
    </div>
  );
}

export function TopBarMenuButton() {
  const t = useT();
  const { open, panelId, toggle } = useMenu();
  const label = t(open ? "common.menuClose" : "common.menuOpen");
  return (
    <button
      type="button"
      {...{ [MARK]: "button" }}
      data-testid="top-bar-menu"
      aria-expanded={open}
      aria-controls={`${panelId}-pages ${panelId}-account`}
      aria-label={label}
      title={label}
      onClick={toggle}
      className="flex min-h-11 min-w-11 items-center justify-center rounded-xl border-2 border-slate-300 bg-white text-ink hover:bg-slate-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand md:hidden"
    >
      {open ? <CloseIcon className="size-6" /> : <MenuIcon className="size-6" />}
    </button>
  );
}
