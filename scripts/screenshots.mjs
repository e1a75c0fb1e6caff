#!/usr/bin/env node
// `npm run screenshots`: with `npm run demo` running, opens the demo storefront in headless Chromium
// (Debian's, through playwright-core) as a guest and a distributor would, and refreshes the store-*
// pictures in docs/screenshots/. The admin-* pictures come from `npm run e2e:admin`.
//   CHROMIUM=/usr/bin/chromium  BACKEND_URL=http://localhost:9000  STOREFRONT_URL=http://localhost:8000
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { chromium } from "playwright-core"
import { projectRoot } from "./lib/paths.mjs"

const storefront = process.env.STOREFRONT_URL || "http://localhost:8000"
const distributor = { email: "emma-dubois@example.com", password: process.env.MLM_DEMO_DISTRIBUTOR_PASSWORD || "supersecret" }
// Written to a temporary folder and copied at the end: `medusa develop` restarts when a file in the
// project changes, which would cut the session short.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-screenshots-"))
const docs = path.join(projectRoot, "docs", "screenshots")
const out = (name) => path.join(scratch, `${name}.png`)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
})
const shot = async (page, name) => {
  await page.waitForLoadState("networkidle")
  await page.screenshot({ path: out(name) })
  console.log(`  ${name}`)
}

try {
  console.log("storefront")
  const shopper = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  await shopper.goto(`${storefront}/emma-dubois`)
  await shopper.getByText("You are shopping with").waitFor()
  await shot(shopper, "store-guest")
  await shopper.fill("#email", distributor.email)
  await shopper.fill("#password", distributor.password)
  await shopper.click("#login")
  await shopper.locator("#office").waitFor({ state: "visible" })
  // The product list re-renders with member prices after the office: wait for them.
  await shopper.getByText("member price").first().waitFor()
  await shot(shopper, "store-distributor")
} finally {
  await browser.close()
}
for (const file of fs.readdirSync(scratch)) fs.copyFileSync(path.join(scratch, file), path.join(docs, file))
console.log(`refreshed ${fs.readdirSync(scratch).length} pictures in ${docs}`)
