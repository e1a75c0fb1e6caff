#!/usr/bin/env node
// The genealogy explorer on a network of 1,000,000 distributors, in Debian Chromium, as an admin uses
// it (`npm run e2e:admin:1m`, which starts a demo and generates the network beside the demo's: handles
// member-0 ... member-999999, member-0 at the top with everyone else below, a guest customer each).
// Open the top as the root, find a member by e-mail and by name, drill six levels down, expand a
// whole screen of teams and scroll it with frame times, scroll a frontline of 10,000 inside the
// million (imported once under member-0), and ask to move a leader under their own downline
// (refused: a cycle). Each step's time is printed; what shows is checked against the API.
//   BACKEND_URL=http://localhost:9000  CHROMIUM=/usr/bin/chromium  E2E_SCREENSHOTS=0 (leave docs/ alone)
import assert from "node:assert/strict"
import { backend, withAdmin } from "./lib/admin-browser.mjs"

const count = (n) => n.toLocaleString("en")
const figures = []
const report = (line) => {
  figures.push(line)
  console.log(`      ${line}`)
}

await withAdmin("admin e2e on 1,000,000", async ({ page, api, shot, scenario, login, frames, scrollFrontline }) => {
  await scenario("logs in; the network list counts the whole network", async () => {
    await login()
    const { count: all } = await api("/admin/mlm/distributors?limit=1")
    assert.ok(all >= 1_000_000, `the network holds ${all}`)
    const opened = Date.now()
    await page.goto(`${backend}/app/mlm`)
    await page.getByRole("link", { name: /^member-\d+$/ }).first().waitFor()
    report(`network list, first page of ${count(all)}: ${Date.now() - opened} ms`)
  })

  const top = (await api("/admin/mlm/distributors?q=member-0&limit=50")).distributors.find((d) => d.handle === "member-0")
  assert.ok(top, "member-0 is in the network")
  const tree = page.getByTestId("genealogy-tree")
  const treeRow = (handle) => page.getByRole("treeitem").filter({ has: page.getByRole("link", { name: handle, exact: true }) })

  await scenario("opens the top of the 1,000,000 as the root, with its frontline", async () => {
    const detail = (await api(`/admin/mlm/distributors/${top.id}`)).distributor
    assert.ok(detail.downline_count >= 999_999, `member-0 has ${detail.downline_count} below`)
    const opened = Date.now()
    await page.goto(`${backend}/app/mlm/genealogy?root=${top.id}`)
    await page.getByText(`member-0's team: ${count(detail.downline_count)} distributors below, ${count(detail.frontline_count)} on the frontline`).waitFor()
    const { distributors: frontline } = await api(`/admin/mlm/distributors?sponsor_id=${top.id}&limit=100`)
    for (const d of frontline.slice(0, 8)) await treeRow(d.handle).waitFor()
    report(`genealogy, root with ${count(detail.downline_count)} below: its frontline of ${detail.frontline_count} shown in ${Date.now() - opened} ms`)
    await shot("admin-genealogy-1m")
  })

  await scenario("finds a member by e-mail and by name and opens them as the root", async () => {
    const search = page.getByRole("searchbox", { name: "Find a distributor" })
    let t = Date.now()
    await search.fill("member-4242@example.com")
    await page.getByRole("option", { name: /member-4242/ }).click()
    const found = (await api("/admin/mlm/distributors?q=member-4242@example.com&limit=1")).distributors[0]
    await page.getByText(`member-4242's team: ${count(found.downline_count)} distributors below`).waitFor()
    report(`search by e-mail on 1,000,000 to the member opened as the root: ${Date.now() - t} ms`)
    const { distributors: duboises } = await api("/admin/mlm/distributors?q=Dubois&limit=8")
    t = Date.now()
    await search.fill("Dubois")
    for (const d of duboises) await page.getByRole("option", { name: new RegExp(`^${d.handle}\\b`) }).waitFor()
    assert.equal(await page.getByRole("option").count(), duboises.length)
    report(`search by a common last name ("Dubois"): the first ${duboises.length} matches shown in ${Date.now() - t} ms`)
    await search.fill("")
  })

  await scenario("drills six levels down, each into the largest team", async () => {
    await page.goto(`${backend}/app/mlm/genealogy?root=${top.id}`)
    let current = top
    const times = []
    for (let level = 1; level <= 6; level++) {
      const { distributors: frontline } = await api(`/admin/mlm/distributors?sponsor_id=${current.id}&limit=100`)
      if (!frontline.length) break
      const next = frontline.reduce((a, b) => (b.downline_count > a.downline_count ? b : a))
      await treeRow(next.handle).waitFor()
      const t = Date.now()
      await treeRow(next.handle).getByRole("button", { name: "Open as root" }).click()
      await page.getByText(`${next.handle}'s team: ${count(next.downline_count)} distributors below`).waitFor()
      const { distributors: below } = await api(`/admin/mlm/distributors?sponsor_id=${next.id}&limit=1`)
      if (below.length) await treeRow(below[0].handle).waitFor()
      times.push(Date.now() - t)
      current = next
    }
    // the path back to the top shows every level
    await page.getByLabel("Path to the root").getByRole("button", { name: "member-0", exact: true }).waitFor()
    report(`drilling down ${times.length} levels (largest team each time): ${times.join(", ")} ms per level`)
  })

  await scenario("expands a screen of teams and scrolls them, measuring frames", async () => {
    await page.goto(`${backend}/app/mlm/genealogy?root=${top.id}`)
    const { distributors: frontline } = await api(`/admin/mlm/distributors?sponsor_id=${top.id}&limit=100`)
    const t = Date.now()
    let expanded = 0
    // the generated teams (the imported frontline of 10,000 has its own scenario below)
    for (const d of frontline.filter((d) => d.frontline_count > 0 && d.handle !== "wide-1m")) {
      await treeRow(d.handle).getByRole("button", { name: `Expand ${d.handle}` }).click()
      await treeRow(d.handle).getByRole("button", { name: `Collapse ${d.handle}` }).waitFor()
      expanded++
    }
    const loaded = Number((await page.getByText(/distributors loaded/).textContent()).match(/^([\d,]+)/)[1].replace(/,/g, ""))
    report(`expanding ${expanded} teams one by one: ${Date.now() - t} ms in all; ${count(loaded)} rows in the tree`)
    const stop = await frames()
    // down to the end and back up, a screen at a time
    for (const step of [600, -600]) {
      for (let i = 0; i < Math.ceil((loaded * 40) / 600); i++) {
        await tree.evaluate((el, by) => el.scrollBy(0, by), step)
        await page.waitForTimeout(30)
      }
    }
    const f = await stop()
    const drawn = await tree.locator('[role="treeitem"]').count()
    report(`scrolling them: frames p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms over ${f.count}; ${drawn} rows in the DOM`)
    assert.ok(drawn < 100, `only the rows on screen are drawn (${drawn})`)
  })

  // A frontline of 10,000 inside the million: a leader under member-0 with 10,000 members sponsored
  // directly, imported through the admin API once (the database is kept between runs).
  const WIDE = 10_000
  await scenario(`scrolls a frontline of ${count(WIDE)} inside the 1,000,000 to its end, measuring it`, async () => {
    let [leader] = (await api("/admin/mlm/distributors?q=wide-1m@example.com&limit=1")).distributors
    if (!leader) {
      const rows = ["handle,email,sponsor_handle,display_name", "wide-1m,wide-1m@example.com,member-0,Wide Leader"]
      for (let i = 0; i < WIDE; i++) rows.push(`wide-1m-${i},wide-1m-${i}@example.com,wide-1m,Frontline ${i}`)
      const t = Date.now()
      const res = await page.request.post(`${backend}/admin/mlm/imports`, {
        multipart: { file: { name: "wide-1m.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) } },
        timeout: 600_000,
      })
      assert.equal(res.status(), 201, `the import answered ${res.status()}: ${await res.text()}`)
      report(`importing a leader and ${count(WIDE)} members under member-0 (the admin API, customers created): ${((Date.now() - t) / 1000).toFixed(1)} s`)
      ;[leader] = (await api("/admin/mlm/distributors?q=wide-1m@example.com&limit=1")).distributors
    }
    assert.equal(leader.frontline_count, WIDE)
    assert.equal(leader.sponsor?.handle, "member-0")
    const { firstPageMs, endMs, frames: f, drawn } = await scrollFrontline(leader.id, "wide-1m-0", `wide-1m-${WIDE - 1}`)
    await page.getByText(`${count(WIDE + 1)} distributors loaded`).waitFor()
    report(
      `a frontline of ${count(WIDE)} inside the million: first page ${firstPageMs} ms; scrolled to the last member in ${(endMs / 1000).toFixed(1)} s (100 pages of 100); ` +
        `frames p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms over ${f.count}; ${drawn} rows in the DOM`
    )
    assert.ok(drawn < 100, `only the rows on screen are drawn (${drawn})`)
  })

  await scenario("refuses to move a leader under their own downline, saying how many would move", async () => {
    const { distributors: frontline } = await api(`/admin/mlm/distributors?sponsor_id=${top.id}&limit=100`)
    const leader = frontline.reduce((a, b) => (b.downline_count > a.downline_count ? b : a))
    const { distributors: [below] } = await api(`/admin/mlm/distributors?sponsor_id=${leader.id}&limit=1`)
    await page.goto(`${backend}/app/mlm/genealogy?root=${top.id}`)
    await treeRow(leader.handle).getByRole("button", { name: `Actions for ${leader.handle}` }).click()
    await page.getByRole("menuitem", { name: "Change sponsor" }).click()
    await page.getByText(`${leader.handle} moves with their whole downline: ${count(leader.downline_count + 1)} distributors in all`).waitFor()
    await page.getByLabel("New sponsor's handle (empty: top of the network)").fill(below.handle)
    const t = Date.now()
    await page.getByRole("button", { name: `Move ${count(leader.downline_count + 1)} distributors` }).click()
    const refusal = await page.getByRole("alert").textContent()
    assert.match(refusal, /cycle|own downline|below/i)
    report(`moving ${leader.handle} (${count(leader.downline_count + 1)} with the team) under ${below.handle}: refused in ${Date.now() - t} ms: "${refusal.trim()}"`)
    await page.keyboard.press("Escape")
    const after = (await api(`/admin/mlm/distributors/${leader.id}`)).distributor
    assert.equal(after.sponsor?.id, top.id, "nothing moved")
  })
})
console.log(`\nFigures (1,000,000 network, this machine):\n${figures.map((f) => `  - ${f}`).join("\n")}`)
