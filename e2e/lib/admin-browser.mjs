// The Medusa admin in Debian Chromium (playwright-core), shared by the admin browser tests: wait for
// the backend, open a page, log in, read the admin API as the logged-in admin, take screenshots
// into a scratch folder (copied to docs/screenshots at the end unless E2E_SCREENSHOTS=0), run named
// scenarios, and measure frame times from the page's own animation frames.
import assert from "node:assert/strict"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { chromium } from "playwright-core"

export const backend = process.env.BACKEND_URL || "http://localhost:9000"
const admin = { email: process.env.MLM_DEMO_ADMIN_EMAIL || "admin@example.com", password: process.env.MLM_DEMO_ADMIN_PASSWORD || "supersecret" }
const docs = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "..", "docs", "screenshots")

/** Opens Chromium on the admin; `run(session)` runs the scenarios; pictures are kept when it passes. */
export async function withAdmin(label, run) {
  // The demo's `medusa develop` restarts when a project file changes: wait for it to answer.
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${backend}/health`)).ok) break
    } catch {}
    if (i === 120) throw new Error(`${backend} does not answer: start the demo first (npm run demo)`)
    await new Promise((r) => setTimeout(r, 1000))
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mlm-admin-e2e-"))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  const errors = []
  page.on("pageerror", (e) => errors.push(String(e)))
  const passed = []
  const session = {
    page,
    passed,
    /** GET on the admin API with the browser's session; asserts 200. */
    async api(p) {
      const res = await page.request.get(`${backend}${p}`)
      assert.equal(res.status(), 200, `GET ${p} answered ${res.status()}`)
      return res.json()
    },
    async shot(name) {
      await page.waitForLoadState("networkidle")
      await page.screenshot({ path: path.join(scratch, `${name}.png`) })
    },
    async scenario(name, body) {
      const t = Date.now()
      await body()
      passed.push(name)
      console.log(`  ok  ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`)
    },
    async login() {
      // the first load of a fresh checkout waits for the dashboard's bundle to be transformed (10-30 s on 2 cores)
      await page.goto(`${backend}/app/login`, { timeout: 120_000 })
      await page.fill('input[name="email"]', admin.email)
      await page.fill('input[name="password"]', admin.password)
      await page.click('button[type="submit"]')
      await page.waitForURL(/\/app\/orders/)
    },
    /**
     * Opens `rootId` as the genealogy's root and scrolls its frontline down until the member `last`
     * (a handle) shows: how long the first page took (until `first` shows) and the end, the frame
     * times while scrolling, and how many rows the page holds at the end.
     */
    async scrollFrontline(rootId, first, last) {
      const opened = Date.now()
      await page.goto(`${backend}/app/mlm/genealogy?root=${rootId}`)
      await page.getByRole("link", { name: first, exact: true }).waitFor()
      const firstPageMs = Date.now() - opened
      const stop = await session.frames()
      const tree = page.getByTestId("genealogy-tree")
      const started = Date.now()
      const lastOne = page.getByRole("link", { name: last, exact: true })
      for (let i = 0; !(await lastOne.isVisible()); i++) {
        if (i > 2_000) throw new Error("the frontline's end never showed")
        await tree.evaluate((el) => el.scrollBy(0, 2_400))
        await page.waitForTimeout(30)
      }
      const endMs = Date.now() - started
      const frames = await stop()
      const drawn = await tree.locator('[role="treeitem"]').count()
      return { firstPageMs, endMs, frames, drawn }
    },
    /** Starts recording frame intervals; the function returned stops and answers them, sorted. */
    async frames() {
      await page.evaluate(() => {
        window.__frames = []
        window.__stopFrames = false
        let last = performance.now()
        const tick = (t) => {
          window.__frames.push(t - last)
          last = t
          if (!window.__stopFrames) requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      })
      return async () => {
        const frames = await page.evaluate(() => ((window.__stopFrames = true), window.__frames.slice(1).sort((a, b) => a - b)))
        const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))]
        return { count: frames.length, p50: at(0.5), p95: at(0.95), max: frames.at(-1) }
      }
    },
  }
  try {
    await run(session)
    assert.deepEqual(errors, [], "no uncaught errors in the admin")
    console.log(`${label}: ${passed.length} scenarios passed`)
  } catch (error) {
    await page.screenshot({ path: path.join(os.tmpdir(), "mlm-admin-e2e-failure.png") }).catch(() => {})
    console.error(`${label} failed after ${passed.length} scenarios (screenshot: ${path.join(os.tmpdir(), "mlm-admin-e2e-failure.png")})`)
    throw error
  } finally {
    await browser.close()
  }
  if (process.env.E2E_SCREENSHOTS !== "0") {
    for (const file of fs.readdirSync(scratch)) fs.copyFileSync(path.join(scratch, file), path.join(docs, file))
    console.log(`refreshed ${fs.readdirSync(scratch).length} admin pictures in docs/screenshots`)
  }
}
