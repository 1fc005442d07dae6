import { describe, expect, it } from "vitest";
import { SessionDto, type WorkspaceDto } from "@atende/shared";
import { answerTo, useAgentBrowser } from "../test/browser.js";
import { TEST_ENGINE } from "../test/database.js";
import { addAgent, useSignedInAdmin } from "../test/test-app.js";

const env = useSignedInAdmin();
const web = useAgentBrowser(env);

async function workspace(): Promise<WorkspaceDto> {
  return (await env.admin.request({ method: "GET", url: "/api/v1/workspace" })).json<WorkspaceDto>();
}

describe.runIf(TEST_ENGINE === "pglite")("the workspace's settings in a real browser", { timeout: 180_000 }, () => {
  it("lets an admin who speaks Czech set the workspace's name, time zone and default language, kept after a reload", async () => {
    const page = await web.signedIn(env.admin.email);
    // The admin's own language is Czech; a new page load follows it.
    expect((await env.admin.request({ method: "PATCH", url: "/api/v1/me", payload: { locale: "cs" } })).statusCode).toBe(200);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${web.atende}/app/settings`);
    await page.getByRole("tab", { name: "Pracovní prostor" }).click();
    await page.waitForURL(`${web.atende}/app/settings/workspace`);
    const panel = page.getByRole("tabpanel", { name: "Pracovní prostor" });
    const name = panel.getByLabel("Název pracovního prostoru");
    const timeZone = panel.getByRole("combobox", { name: "Časové pásmo" });
    const language = panel.getByRole("combobox", { name: "Výchozí jazyk" });
    await name.waitFor();
    expect(await name.inputValue()).toBe((await workspace()).name);
    expect(await timeZone.inputValue()).toBe("UTC");
    expect(await language.inputValue()).toBe("English");
    const save = panel.getByRole("button", { name: "Uložit" });
    expect(await save.isDisabled()).toBe(true); // nothing changed yet

    // An empty name is refused beside the field, in Czech, before anything is sent.
    await name.fill("   ");
    await save.click();
    await panel.getByText("Zadejte název pracovního prostoru.").waitFor();

    await name.fill("Obchod U Lípy");
    await timeZone.click();
    await timeZone.fill("prague");
    await page.getByRole("option", { name: "Europe/Prague" }).click();
    // The time there now, as the browser's Intl says it in Czech: a weekday, the time and Prague's offset.
    await expect.poll(() => panel.getByText(/^Místní čas právě teď:/).textContent()).toMatch(/^Místní čas právě teď: \p{L}+\s\d{1,2}:\d{2}\sGMT\+[12]$/u);
    await language.click();
    await page.getByRole("option", { name: "Português (Brasil)" }).click();

    // Saving refreshes the session, which carries the workspace to the rest of the app.
    const session = answerTo(page, "GET", "/api/v1/me");
    await save.click();
    await page.getByText("Uloženo.").waitFor();
    expect(SessionDto.parse(await (await session).json()).workspace).toMatchObject({ name: "Obchod U Lípy", timeZone: "Europe/Prague", defaultLocale: "pt-BR" });
    expect(await workspace()).toMatchObject({ name: "Obchod U Lípy", timeZone: "Europe/Prague", defaultLocale: "pt-BR" });

    await page.reload();
    await timeZone.waitFor();
    expect(await timeZone.inputValue()).toBe("Europe/Prague");
    expect(await language.inputValue()).toBe("Português (Brasil)");
    expect(await name.inputValue()).toBe("Obchod U Lípy");

    // The same section on a phone, and its list of time zones searched.
    await page.setViewportSize({ width: 390, height: 844 });
    await timeZone.click();
    await timeZone.fill("sao");
    await page.getByRole("option", { name: "America/Sao Paulo" }).waitFor();
  });

  it("is not shown to agents and supervisors, who land on their profile instead", async () => {
    for (const role of ["agent", "supervisor"] as const) {
      const other = await addAgent(env.t, env.admin, role, `Someone ${role}`);
      const page = await web.signedIn(other.email);
      await page.goto(`${web.atende}/app/settings/workspace`);
      await page.getByRole("tab", { name: "Profile" }).waitFor();
      expect(await page.getByRole("tab", { name: "Inboxes" }).count()).toBe(1);
      expect(await page.getByRole("tab", { name: "Workspace" }).count()).toBe(0);
      await page.getByRole("tabpanel", { name: "Profile" }).getByRole("heading", { name: "Profile" }).waitFor();
    }
  });
});
