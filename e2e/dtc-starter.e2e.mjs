// Browser scenarios on the DTC starter with medusa-plugin-mlm applied (run by `npm run e2e`, which
// starts the starter's backend and storefront first). Each scenario is what a real user does, in
// Debian Chromium through playwright-core, and is checked against the backend's admin API.
import assert from "node:assert/strict"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { chromium } from "playwright-core"

/** A 1 x 1 PNG: the photo a distributor uploads. */
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64")

/** The plan and prices the scenarios state their amounts in. */
export const PLAN = { levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5 }] }
export const MEMBER_DISCOUNT_PERCENT = 20
const PASSWORD = "e2e-Passw0rd"

function api(backendUrl, publishableKey) {
  async function call(method, url, { body, token, store = true } = {}) {
    const headers = { "content-type": "application/json" }
    if (store) headers["x-publishable-api-key"] = publishableKey
    if (token) headers.authorization = `Bearer ${token}`
    const res = await fetch(`${backendUrl}${url}`, { method, headers, body: body ? JSON.stringify(body) : undefined })
    const data = await res.json().catch(() => ({}))
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(data)}`)
    return data
  }
  return {
    call,
    async adminToken() {
      return (await call("POST", "/auth/user/emailpass", { body: { email: "admin@example.com", password: "supersecret" }, store: false })).token
    },
    /** A customer registered through the store's auth routes, logged in. */
    async customer(email, first_name, last_name) {
      const { token: registration } = await call("POST", "/auth/customer/emailpass/register", { body: { email, password: PASSWORD } })
      await call("POST", "/store/customers", { body: { email, first_name, last_name }, token: registration })
      return (await call("POST", "/auth/customer/emailpass", { body: { email, password: PASSWORD } })).token
    },
  }
}

/** The shop's setup: the plan, member prices, and a sponsor line anna <- ben (through the store API). */
async function setUpShop(client) {
  const admin = await client.adminToken()
  await client.call("POST", "/admin/mlm/plan", { body: PLAN, token: admin, store: false })
  await client.call("POST", "/admin/mlm/wholesale", { body: { discount_percent: MEMBER_DISCOUNT_PERCENT }, token: admin, store: false })
  const { products } = await client.call("GET", "/store/products?handle=sweatshirt&fields=id,title")
  const anna = await client.customer("anna@example.com", "Anna", "Berg")
  await client.call("POST", "/store/mlm/distributors", { body: { handle: "anna", display_name: "Anna Berg" }, token: anna })
  const ben = await client.customer("ben@example.com", "Ben", "Olsen")
  await client.call("POST", "/store/mlm/distributors", { body: { handle: "ben", display_name: "Ben Olsen", sponsor_handle: "anna" }, token: ben })
  await client.call("POST", "/store/mlm/me/storefront", {
    body: {
      bio: "Runner, coach and fan of comfortable clothes.\nAsk me anything about sizes.",
      contact: { email: "ben@example.com", phone: "+45 12 34 56 78" },
      featured_product_ids: [products[0].id],
    },
    token: ben,
  })
  return { admin }
}

export async function runScenarios({ backendUrl, storefrontUrl, publishableKey, screenshots }) {
  const client = api(backendUrl, publishableKey)
  const { admin } = await setUpShop(client)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  })
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-e2e-"))
  const shots = []
  const shot = async (page, name) => {
    await page.screenshot({ path: path.join(scratch, `${name}.png`), fullPage: false })
    shots.push(name)
  }
  const results = { passed: 0, failed: 0 }
  async function scenario(name, body) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    const t0 = Date.now()
    try {
      await body(page)
      results.passed++
      console.log(`  ✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
    } catch (error) {
      results.failed++
      console.log(`  ✕ ${name}\n    ${String(error.stack || error).split("\n").slice(0, 6).join("\n    ")}`)
      await page.screenshot({ path: path.join(scratch, `failed-${name.replace(/\W+/g, "-").slice(0, 60)}.png`) }).catch(() => {})
    } finally {
      await context.close()
    }
  }
  const login = async (page, email) => {
    await page.goto(`${storefrontUrl}/dk/account`)
    await page.getByTestId("email-input").fill(email)
    await page.getByTestId("password-input").fill(PASSWORD)
    await page.getByTestId("sign-in-button").click()
    await page.getByTestId("account-nav").first().waitFor()
  }

  await scenario("a guest buys through /ben: the order is credited to ben and pays ben and anna exactly", async (page) => {
    await page.goto(`${storefrontUrl}/ben`)
    await page.waitForURL(`${storefrontUrl}/dk/with/ben`)
    await page.getByTestId("distributor-name").getByText("Ben Olsen").waitFor()
    assert.equal(await page.getByTestId("referral-banner").innerText(), "You are shopping with Ben Olsen")
    const cookie = (await page.context().cookies()).find((c) => c.name === "mlm_ref")
    assert.equal(cookie?.value, "ben")
    assert.ok(cookie.expires - Date.now() / 1000 > 29 * 86_400, "the referral cookie lasts the attribution window (30 days)")
    await shot(page, "dtc-distributor-page")

    await page.getByTestId("featured-products").getByText("Medusa Sweatshirt").click()
    await page.waitForURL(/\/dk\/products\/sweatshirt/)
    await page.getByTestId("referral-banner").waitFor()
    await page.getByTestId("product-options").getByRole("button", { name: "M", exact: true }).click()
    await page.getByTestId("add-product-button").click()
    await page.getByTestId("add-product-button").getByText("Add to cart").waitFor()
    await page.goto(`${storefrontUrl}/dk/cart`)
    await page.getByTestId("checkout-button").click()
    await page.waitForURL(/\/dk\/checkout/)
    await page.getByTestId("referral-banner").waitFor()
    await page.getByTestId("shipping-first-name-input").fill("Gus")
    await page.getByTestId("shipping-last-name-input").fill("Guest")
    await page.getByTestId("shipping-address-input").fill("Nørregade 1")
    await page.getByTestId("shipping-postal-code-input").fill("1165")
    await page.getByTestId("shipping-city-input").fill("København")
    await page.getByTestId("shipping-country-select").selectOption("dk")
    await page.getByTestId("shipping-email-input").fill("gus@example.com")
    await page.getByTestId("submit-address-button").click()
    await page.getByTestId("delivery-option-radio").first().click()
    await page.getByTestId("submit-delivery-option-button").click()
    await page.getByText("Manual Payment").click()
    await page.getByTestId("submit-payment-button").click()
    await page.getByTestId("submit-order-button").click()
    await page.waitForURL(/\/order\/[^/]+\/confirmed/, { timeout: 90_000 })
    const orderId = page.url().match(/\/order\/([^/]+)\/confirmed/)[1]

    const read = (url) => client.call("GET", url, { token: admin, store: false })
    const attribution = (await read(`/admin/mlm/orders/${orderId}/attribution`)).attribution
    assert.equal(attribution.distributor.handle, "ben")
    assert.equal(attribution.source, "link")
    // The order: one sweatshirt M at 10.00 EUR (no tax in the starter's regions). Basis 10.00:
    // ben (level 1) 10% = 1.00, anna (level 2) 5% = 0.50. The lines are written by a subscriber: wait.
    let lines = []
    for (let i = 0; i < 60 && lines.length < 2; i++) {
      lines = (await read(`/admin/mlm/orders/${orderId}/commissions`)).commissions ?? []
      if (lines.length < 2) await new Promise((r) => setTimeout(r, 1000))
    }
    assert.deepEqual(
      lines.map((l) => [l.distributor_handle, l.level, l.basis, l.percent, l.amount, l.currency_code]).sort(),
      [["anna", 2, 10, 5, 0.5, "eur"], ["ben", 1, 10, 10, 1, "eur"]]
    )
  })

  await scenario("a member sees the member price, with the retail price beside it", async (page) => {
    await login(page, "anna@example.com")
    await page.goto(`${storefrontUrl}/dk/products/sweatshirt`)
    await page.getByTestId("product-options").getByRole("button", { name: "M", exact: true }).click()
    // 20% off 10.00 EUR = 8.00 EUR; the retail 10.00 EUR is struck through.
    await page.getByTestId("product-price").filter({ hasText: "€8.00" }).first().waitFor()
    assert.equal((await page.getByTestId("original-product-price").first().innerText()).trim(), "€10.00")
    await shot(page, "dtc-member-price")
  })

  await scenario("a visitor signs up through /anna's link, becomes a distributor and joins anna's team", async (page) => {
    await page.goto(`${storefrontUrl}/anna`)
    await page.waitForURL(`${storefrontUrl}/dk/with/anna`)
    await page.goto(`${storefrontUrl}/dk/account`)
    await page.getByTestId("register-button").first().click()
    await page.getByTestId("first-name-input").fill("Cara")
    await page.getByTestId("last-name-input").fill("Nilsen")
    await page.getByTestId("email-input").fill("cara@example.com")
    await page.getByTestId("password-input").fill(PASSWORD)
    await page.getByTestId("register-button").click()
    await page.getByTestId("account-nav").first().waitFor()
    await page.goto(`${storefrontUrl}/dk/account/business`)
    await page.getByTestId("join-panel").waitFor()
    await page.getByTestId("handle-input").fill("anna")
    await page.getByTestId("handle-availability").getByText("handle 'anna' is taken").waitFor()
    await page.getByTestId("handle-input").fill("cara-n")
    await page.getByTestId("handle-availability").getByText(/cara-n is yours to take/).waitFor()
    await page.getByTestId("display-name-input").fill("Cara Nilsen")
    await page.getByTestId("handle-input").focus()
    await shot(page, "dtc-join")
    await page.getByTestId("enrol-button").click()
    await page.getByTestId("business-summary").getByText("sponsored by Anna Berg").waitFor()
    assert.equal(await page.getByTestId("personal-link-url").innerText(), `${storefrontUrl}/cara-n`)
    assert.equal(await page.getByTestId("personal-link-qr").count(), 1)

    // Anna sees Cara in her team, beside Ben, and her commission from Ben's customer.
    await page.context().clearCookies()
    await login(page, "anna@example.com")
    await page.goto(`${storefrontUrl}/dk/account/business`)
    const team = page.getByTestId("team-tree")
    await team.getByText("Cara Nilsen").waitFor()
    assert.deepEqual(await team.getByTestId("team-member").evaluateAll((els) => els.map((e) => e.dataset.handle)), ["ben", "cara-n"])
    assert.match(await page.getByTestId("total-pending").innerText(), /€0\.50/)
    assert.match(await page.getByTestId("commission-line").first().innerText(), /5% of €10\.00 \(1 level down your team\)/)
    await shot(page, "dtc-my-business")
  })

  await scenario("anna edits her page in My business: a photo through the file module, her bio, e-mail and two featured products, seen on /anna", async (page) => {
    await login(page, "anna@example.com")
    await page.goto(`${storefrontUrl}/dk/account/business`)
    const editor = page.getByTestId("site-editor")
    await editor.waitFor()
    // a text file named like a photo is refused in the plugin's words
    await page.getByTestId("site-photo-input").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: Buffer.from("not a picture") })
    await page.getByTestId("site-photo-error").getByText("The photo must be a JPEG, PNG or WebP image").waitFor()
    await page.getByTestId("site-photo-input").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: PHOTO })
    await page.locator('[data-testid="site-photo"][src*="/static/"]').waitFor()
    const photoUrl = await page.getByTestId("site-photo").getAttribute("src")
    await page.getByTestId("site-bio-input").fill("Yoga teacher in Aarhus.\nI wear what I sell.")
    await page.getByTestId("site-email-input").fill("anna@example.com")
    // two of the shop's products featured on her page, in the order picked
    const options = page.getByTestId("site-featured-option")
    // the shop's products are offered by title, the same order on every visit
    const titles = await options.evaluateAll((boxes) => boxes.map((b) => b.getAttribute("data-product")))
    assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b, "en")))
    const picked = [await options.nth(1).getAttribute("data-product"), await options.nth(0).getAttribute("data-product")]
    await options.nth(1).check()
    await options.nth(0).check()
    await page.getByTestId("site-save-button").click()
    await page.getByTestId("site-saved").waitFor()
    // the picks stay ticked after the save
    assert.deepEqual([await options.nth(0).isChecked(), await options.nth(1).isChecked(), await options.nth(2).isChecked()], [true, true, false])
    // the photo is served by the backend's File module
    assert.equal(await page.getByTestId("site-photo").evaluate((img) => img.complete && img.naturalWidth), 1)
    await page.getByRole("heading", { name: "Your page" }).evaluate((h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 90))
    await shot(page, "dtc-my-page")
    // what the shop's API and the public page show
    const { storefront } = await client.call("GET", "/store/mlm/storefronts/anna")
    assert.deepEqual([storefront.avatar_url, storefront.bio, storefront.contact], [photoUrl, "Yoga teacher in Aarhus.\nI wear what I sell.", { email: "anna@example.com" }])
    assert.deepEqual(storefront.featured_products.map((p) => p.title), picked)
    // stored by the backend's File module (the local provider: its static/ folder, under its backend_url)
    assert.match(photoUrl, new RegExp(`^${backendUrl}/static/\\d+-mlm-site-[^/]+\\.png$`))
    await page.getByTestId("site-view-link").click()
    await page.waitForURL(`${storefrontUrl}/dk/with/anna`)
    const shown = page.getByTestId("distributor-page")
    await shown.getByText("Yoga teacher in Aarhus.").waitFor()
    assert.equal(await shown.locator("img").first().getAttribute("src"), photoUrl)
    for (const title of picked) await page.getByTestId("featured-products").getByText(title).first().waitFor()
  })

  await browser.close()
  if (screenshots && results.failed === 0) {
    fs.mkdirSync(screenshots, { recursive: true })
    for (const name of shots) fs.copyFileSync(path.join(scratch, `${name}.png`), path.join(screenshots, `${name}.png`))
    console.log(`  screenshots: ${shots.map((s) => `docs/screenshots/${s}.png`).join(", ")}`)
  } else {
    console.log(`  screenshots of this run: ${scratch}`)
  }
  return results
}
