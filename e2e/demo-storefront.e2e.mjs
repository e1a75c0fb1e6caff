#!/usr/bin/env node
// The demo storefront of `npm run demo`, in Debian Chromium, as a shopper and a distributor use it
// (issue 10's "tried as a new user would"): a link to no shop says so; a wrong login says so; a guest's
// cart says whose link it is credited to, a distributor's own purchase that it earns nothing; a member
// sees the retail price beside theirs with what they save; the office names each line's order and
// date; a visitor signs up through a link, sees a taken handle refused while typing, and becomes a
// distributor under that link's owner. Run by `npm run e2e:admin` after e2e/admin.e2e.mjs.
//   BACKEND_URL=http://localhost:9200  STOREFRONT_URL=http://localhost:8200  CHROMIUM=/usr/bin/chromium
import assert from "node:assert/strict"
import { withAdmin } from "./lib/admin-browser.mjs"

const storefront = process.env.STOREFRONT_URL || "http://localhost:8000"
const emma = { email: "emma-dubois@example.com", password: process.env.MLM_DEMO_DISTRIBUTOR_PASSWORD || "supersecret" }
const stamp = Date.now().toString(36)

await withAdmin("demo storefront e2e", async ({ page, api, scenario, login }) => {
  await login() // the admin's session, for the checks through the admin API
  const logIn = async ({ email, password }) => {
    await page.fill("#email", email)
    await page.fill("#password", password)
    await page.click("#login")
  }
  const fresh = async (url) => {
    await page.goto(url)
    await page.evaluate(() => localStorage.clear())
    await page.goto(url)
  }

  await scenario("a link to no shop says so, and a wrong login says so", async () => {
    await fresh(`${storefront}/no-such-shop-${stamp}`)
    await page.getByText(`There is no shop at /no-such-shop-${stamp}`).waitFor()
    await logIn({ email: emma.email, password: "not-her-password" })
    await page.locator("#account-error", { hasText: "Wrong e-mail or password" }).waitFor()
    assert.equal(await page.locator("#account-error").textContent(), "Wrong e-mail or password")
  })

  await scenario("a guest's cart is credited to the link's distributor; her own purchase earns her nothing", async () => {
    await fresh(`${storefront}/emma-dubois`)
    await page.getByText("You are shopping with Emma Dubois").waitFor()
    await page.locator(".card", { hasText: "Green Tea Extract" }).getByRole("button", { name: "Add to cart" }).click()
    await page.getByText("Credited to Emma Dubois, through their link").waitFor()
    await fresh(`${storefront}/emma-dubois`)
    await logIn(emma)
    await page.locator("#office").waitFor({ state: "visible" })
    await page.locator(".card", { hasText: "Green Tea Extract" }).getByRole("button", { name: "Add to cart" }).click()
    await page.getByText("Your own purchase: it earns you no commission").waitFor()
  })

  await scenario("a member sees the retail price beside theirs; the office names each line's order and date", async () => {
    // logged in as emma (above): member prices, 20 % off in the demo
    const greenTea = page.locator(".card", { hasText: "Green Tea Extract" })
    await greenTea.getByText("member price · you save €4.00").waitFor()
    assert.equal(await greenTea.locator(".price").textContent(), "€15.99")
    assert.equal(await greenTea.locator(".was").textContent(), "€19.99")
    const { distributors: [d] } = await api("/admin/mlm/distributors?q=emma-dubois@example.com&limit=1")
    const { commissions } = await api(`/admin/mlm/commissions?distributor_id=${d.id}&limit=50`)
    assert.ok(commissions.length > 0, "emma has ledger lines in the demo")
    const office = page.locator("#office")
    for (const line of commissions.filter((c) => c.kind === "commission")) {
      await office.getByText(new RegExp(`^Order #${line.order_display_id} of \\d{1,2} \\w{3} \\d{4}: ${line.percent}% of €[\\d.,]+, level ${line.level}$`)).waitFor()
    }
  })

  await scenario("a visitor signs up through a link, sees a taken handle refused, and becomes a distributor under its owner", async () => {
    await fresh(`${storefront}/emma-dubois`)
    await page.getByRole("button", { name: "New here? Create an account" }).click()
    await page.fill("#first_name", "Nora")
    await page.fill("#last_name", "Test")
    await logIn({ email: `nora-${stamp}@example.com`, password: "supersecret" })
    await page.getByRole("heading", { name: "Join the network" }).waitFor()
    await page.fill("#handle", "emma-dubois")
    await page.locator("#handle-check.error").waitFor()
    const handle = `nora-${stamp}`
    await page.fill("#handle", handle)
    await page.getByText(`${new URL(storefront).origin}/${handle} is yours to take`).waitFor()
    await page.click("#enrol")
    await page.getByRole("heading", { name: "Your office" }).waitFor()
    await page.getByText("Sponsor: Emma Dubois").waitFor()
    const { distributors: [nora] } = await api(`/admin/mlm/distributors?q=${handle}&limit=1`)
    assert.equal(nora.handle, handle)
    assert.equal(nora.sponsor?.handle, "emma-dubois")
  })
})
