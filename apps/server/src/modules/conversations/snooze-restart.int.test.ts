import { describe, expect, it } from "vitest";
import type { ConversationDto } from "@atende/shared";
import { reopenableDatabase } from "../../test/database.js";
import { buildTestApp, newConversation, newWorkspace, signIn } from "../../test/test-app.js";

describe("snooze across a restart", () => {
  it("a conversation snoozed before a restart reopens after it, when its time has passed", async () => {
    const db = await reopenableDatabase();
    try {
      const before = await buildTestApp({}, db.open);
      const admin = await newWorkspace(before);
      const { conversationId } = await newConversation(admin);
      const until = new Date(Date.now() + 1500).toISOString();
      const res = await admin.request({ method: "PATCH", url: `/api/v1/conversations/${conversationId}`, payload: { snoozedUntil: until } });
      expect(res.json<ConversationDto>().status).toBe("snoozed");
      await before.close(); // the server stops before the snooze ends
      await new Promise((r) => setTimeout(r, 2000));

      const after = await buildTestApp({}, db.open);
      try {
        const again = await signIn(after.app, admin.email);
        let status = "snoozed";
        for (let i = 0; i < 40 && status === "snoozed"; i++) {
          await new Promise((r) => setTimeout(r, 250));
          status = (await again.request({ method: "GET", url: `/api/v1/conversations/${conversationId}` })).json<ConversationDto>().status;
        }
        expect(status).toBe("open");
      } finally {
        await after.close();
      }
    } finally {
      await db.destroy();
    }
  });
});
