import { defineCatalog } from "../define-catalog";

/** Why signing out is refused while payments are open ("outbox.*" keys), loaded with that dialog. */
export const outboxSignOut = defineCatalog(
  "outbox",
  {
    signOutRefusedTitle: "You cannot sign out yet",
    signOutRefusedBody:
      "These payments are not sent or not settled yet. Stay signed in and keep the till online until they are finished.",
    signOutRefusedClose: "OK",
  },
  {
    signOutRefusedTitle: "暫時不能登出",
    signOutRefusedBody: "以下交易尚未發送或尚未完成。請保持登入及網絡連線，直至交易完成。",
    signOutRefusedClose: "知道了",
  },
);
