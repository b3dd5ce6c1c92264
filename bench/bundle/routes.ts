/** The pages the bundle benchmark loads, who is signed in for each, and where Next keeps its build. */
type RouteSpec = {
  /** The address the browser opens. */
  path: string;
  /** The page's folder under app/ (its client reference manifest is under .next/server/app/). */
  appDir: string;
  /** Demo staff member signed in for it (null: signed out). */
  user: "cashier" | "manager" | "owner" | null;
};

export const ROUTES: RouteSpec[] = [
  { path: "/sale", appDir: "(pos)/sale", user: "cashier" },
  { path: "/login", appDir: "login", user: null },
  { path: "/payments", appDir: "(pos)/payments", user: "cashier" },
  { path: "/staff/me", appDir: "(pos)/staff/me", user: "cashier" },
  { path: "/reconcile", appDir: "(pos)/reconcile", user: "manager" },
  { path: "/staff", appDir: "(pos)/staff", user: "manager" },
  { path: "/audit", appDir: "(pos)/audit", user: "manager" },
];
