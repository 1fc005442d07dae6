import { beforeAll, describe, expect, it } from "vitest";
import type { SavedViewDto } from "@atende/shared";
import { accessibilityProblems, pageWidth, useAgentBrowser } from "../test/browser.js";
import { TEST_ENGINE } from "../test/database.js";
import { newConversation, TEST_PASSWORD, useSignedInAdmin } from "../test/test-app.js";

const env = useSignedInAdmin();
const web = useAgentBrowser(env);

beforeAll(async () => {
  // Three open conversations, two of them urgent.
  const first = await newConversation(env.admin, { subject: "Cobrança em dobro", body: "Fui cobrado duas vezes." });
  const second = await newConversation(env.admin, { inboxId: first.inboxId, subject: "Site fora do ar", body: "Não consigo entrar no site." });
  await newConversation(env.admin, { inboxId: first.inboxId, subject: "Dúvida sobre frete", body: "Qual o prazo para Recife?" });
  for (const id of [first.conversationId, second.conversationId]) {
    const res = await env.admin.request({ method: "PATCH", url: `/api/v1/conversations/${id}`, payload: { priority: "urgent" } });
    expect(res.statusCode, res.body).toBe(200);
  }
});

async function savedViews(): Promise<SavedViewDto[]> {
  return (await env.admin.request({ method: "GET", url: "/api/v1/views" })).json<SavedViewDto[]>();
}

describe.runIf(TEST_ENGINE === "pglite")("saved views in a real browser", { timeout: 180_000 }, () => {
  it("saves the filtered inbox as a shared view, shows it after a reload, applies it by a click and deletes it after asking", async () => {
    const page = await web.signedIn(env.admin.email);
    const nav = page.getByRole("navigation", { name: "Views" });
    const rows = page.getByRole("list", { name: "Conversations" }).getByRole("listitem");
    await page.goto(`${web.atende}/app/?view=all`);
    await expect.poll(() => rows.count()).toBe(3);
    await nav.getByText("None yet: choose filters or an order, then save them as a view.").waitFor();
    expect(await nav.getByRole("button", { name: "Save current view" }).count()).toBe(0); // a built-in view as it comes

    // Filter the inbox, then save what it shows.
    await nav.getByRole("combobox", { name: "Priority" }).click();
    await page.getByRole("option", { name: "Urgent" }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await nav.getByRole("button", { name: "Save current view" }).click();
    const dialog = page.getByRole("dialog", { name: "Save the current view" });
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("Give the view a name.").waitFor(); // checked before anything is sent
    await dialog.getByRole("textbox", { name: "Name" }).fill("Urgent ones");
    await dialog.getByRole("checkbox", { name: "Share with the team" }).check();
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByText("View saved.").waitFor();
    const [view] = await savedViews();
    expect(view).toMatchObject({ name: "Urgent ones", shared: true, filters: { status: "open", priority: "urgent", sort: "newest" } });
    await expect.poll(() => new URL(page.url()).search).toBe(`?savedView=${String(view?.id)}`);
    // Marked as shared, with its count, and shown.
    const link = nav.getByRole("link", { name: "Shared Urgent ones 2" });
    await link.waitFor();
    await expect.poll(() => link.getAttribute("aria-current")).toBe("page");

    // The address is the view: a reload shows the same list.
    await page.reload();
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => link.getAttribute("aria-current")).toBe("page");
    await page.getByText("Your view, shared with the team.").first().waitFor();

    // From a plain view, a click on the saved view applies its filters.
    await page.goto(`${web.atende}/app/?view=all`);
    await expect.poll(() => rows.count()).toBe(3);
    await expect.poll(() => link.getAttribute("aria-current")).toBeNull();
    await link.click();
    await expect.poll(() => page.url()).toContain(`savedView=${String(view?.id)}`);
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.filter({ hasText: "Dúvida sobre frete" }).count()).toBe(0);
    expect(await nav.getByRole("combobox", { name: "Priority" }).inputValue()).toBe("Urgent");

    // A second view of the same name is refused beside the name.
    await page.getByRole("combobox", { name: "Order" }).click();
    await page.getByRole("option", { name: "Waiting longest" }).click();
    await expect.poll(() => page.url()).toMatch(/view=all&priority=urgent&sort=waiting$/); // the saved view left, its filters kept
    await nav.getByRole("button", { name: "Save current view" }).click();
    await dialog.getByRole("textbox", { name: "Name" }).fill("urgent ONES");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText("is already in use").waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // Delete it from its menu, after confirming.
    await link.click();
    await nav.getByRole("button", { name: "Actions for Urgent ones" }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete the view “Urgent ones”?" });
    await confirm.getByText("Everyone it is shared with loses the view too.", { exact: false }).waitFor();
    await confirm.getByRole("button", { name: "Delete" }).click();
    await page.getByText("View deleted.").waitFor();
    await link.waitFor({ state: "detached" });
    expect(await savedViews()).toEqual([]);
    // The list it showed stays, as plain filters.
    await expect.poll(() => page.url()).toMatch(/view=all&priority=urgent$/);
    await expect.poll(() => rows.count()).toBe(2);
  });

  it("offers the saved views on a tablet and, behind the menu button, on a phone", async () => {
    const created = await env.admin.request({ method: "POST", url: "/api/v1/views", payload: { name: "Urgent and mine to take", filters: { priority: "urgent" } } });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<SavedViewDto>();
    const page = await web.signedIn(env.admin.email);
    const rows = page.getByRole("list", { name: "Conversations" }).getByRole("listitem");
    const link = page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: /^Urgent and mine to take/ });

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${web.atende}/app/?view=all`);
    await link.click();
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(1024);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${web.atende}/app/?view=resolved`);
    await page.getByRole("button", { name: "Views" }).click();
    await link.click();
    await expect.poll(() => page.url()).toContain(`savedView=${id}`);
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(390); // once the layout has followed the resize
    // Its menu works there too.
    await page.getByRole("button", { name: "Views" }).click();
    await page.getByRole("button", { name: "Actions for Urgent and mine to take" }).click();
    await page.getByRole("menuitem", { name: "Rename" }).click();
    const dialog = page.getByRole("dialog", { name: "Rename “Urgent and mine to take”" });
    await dialog.getByRole("textbox", { name: "Name" }).fill("Urgent");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(async () => (await savedViews()).find((v) => v.id === id)?.name).toBe("Urgent");
  });

  it("has no serious accessibility problems in the saved views, their menu and the save dialog (axe, WCAG 2 AA)", async () => {
    for (const [name, shared] of [["Axe shared", true], ["Axe personal", false]] as const) {
      const res = await env.admin.request({ method: "POST", url: "/api/v1/views", payload: { name, filters: { status: "pending" }, shared } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const context = await web.context({ locale: "en-US", viewport: { width: 1440, height: 900 }, bypassCSP: true }); // axe is injected as a script
    const page = await context.newPage();
    await page.goto(`${web.atende}/app/sign-in`);
    await page.getByLabel("E-mail").fill(env.admin.email);
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Views" }).waitFor();
    const problems = (screen: string) => accessibilityProblems(page, screen);
    await page.goto(`${web.atende}/app/?view=all&priority=urgent`);
    const nav = page.getByRole("navigation", { name: "Views" });
    await nav.getByRole("link", { name: /^Shared Axe shared/ }).waitFor();
    await page.getByRole("list", { name: "Conversations" }).waitFor();
    const found = await problems("inbox");
    await nav.getByRole("button", { name: "Actions for Axe personal" }).click();
    await page.getByRole("menuitem", { name: "Share with the team" }).waitFor();
    found.push(...(await problems("menu")));
    await page.keyboard.press("Escape");
    await nav.getByRole("button", { name: "Save current view" }).click();
    await page.getByRole("dialog", { name: "Save the current view" }).getByRole("textbox", { name: "Name" }).waitFor();
    found.push(...(await problems("save dialog")));
    expect(found).toEqual([]);
  });
});
