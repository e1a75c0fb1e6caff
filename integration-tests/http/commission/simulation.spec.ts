import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders } from "../../helpers/auth"
import { enrollLine, enrollThroughStore } from "../../helpers/network"
import { checkout, storeHeaders } from "../../helpers/checkout"
import { FOUR_LEVELS } from "../../helpers/plans"

jest.setTimeout(300_000)

// Lines mature from placing, so an approval needs no fulfilment. The runner reads medusa-config.ts
// before applying its `env` option, so set it while loading.
process.env.MLM_MATURE_FROM = "placed"
afterAll(() => delete process.env.MLM_MATURE_FROM)

/** 10 / 5 / 3 / 2 % (the plan that pays) */
const PLAN = {
  levels: FOUR_LEVELS,
  hold_days: 14,
}
/** the draft: the same 20 % spread 8 / 6 / 4 / 2 */
const DRAFT = { ...PLAN, levels: [8, 6, 4, 2].map((percent, i) => ({ level: i + 1, percent })) }
const DAY = 24 * 60 * 60 * 1000

/**
 * A small fixed history, every figure computed by hand (PLAN, rounding half-up per line):
 * anna -> ben -> cleo -> dan, and eve (sponsored by anna) who earns nothing.
 * 1. a guest buys 2 x 49.90 through dan (basis 99.80): dan 9.98, cleo 4.99, ben 2.99 (2.994), anna 2.00 (1.996)
 * 2. a guest buys 49.90 through ben: ben 4.99, anna 2.50 (2.495); lines approved, then the order is
 *    cancelled: clawbacks -4.99 and -2.50 (basis now 0)
 * 3. dan buys 49.90 for himself (source self, from his sponsor up): cleo 4.99, ben 2.50, anna 1.50; level 4 unpaid
 * Live: dan 9.98, cleo 9.98, ben 5.49, anna 3.50 = 28.95 on a revenue of 149.70.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let shake: string // 49.90 EUR
    let people: Awaited<ReturnType<typeof enrollLine<"anna" | "ben" | "cleo" | "dan">>>
    let from: string
    let to: string

    const waitFor = (event: string) => TestEventUtils.waitSubscribersExecution(event, getContainer().resolve(Modules.EVENT_BUS))
    const ledger = async () => (await api.get("/admin/mlm/commissions?limit=100", admin)).data.commissions

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
      shake = store.products.find((p) => p.handle === "vitality-shake")!.variants[0].id
      people = await enrollLine(api, storeHeaders(store), ["anna", "ben", "cleo", "dan"])
      await enrollThroughStore(api, storeHeaders(store), "eve", "anna")
      await api.post("/admin/mlm/plan", PLAN, admin)
      from = new Date().toISOString()
      await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 2 }], referral: "dan" })
      const { order: second } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }], referral: "ben" })
      await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }], customer: people.dan.headers })
      await api.post("/admin/mlm/commissions/approve", { before: new Date(Date.now() + 15 * DAY).toISOString() }, admin)
      const canceled = waitFor("order.canceled")
      await api.post(`/admin/orders/${second.id}/cancel`, {}, admin)
      await canceled
      to = new Date().toISOString()
    })

    const simulate = (plan: unknown, period = { from, to }) => api.post("/admin/mlm/plan/simulate", { plan, ...period }, admin)

    describe("POST /admin/mlm/plan/simulate", () => {
      it("reproduces the ledger exactly when the draft is the plan that paid: no holding differs", async () => {
        const before = await ledger()
        const { status, data } = await simulate(PLAN)
        expect(status).toBe(200)
        const { simulation: s } = data
        expect(s).toMatchObject({ mode: "history", currency_code: "eur", currencies: ["eur"], holdings_changed: 0, orders_changed: 0, warnings: [] })
        for (const side of [s.draft, s.actual]) {
          expect(side).toMatchObject({
            orders: 3,
            revenue: 149.7,
            payout: 28.95,
            payout_percent: 19.34,
            per_level: [
              { level: 1, amount: 14.97 },
              { level: 2, amount: 7.49 },
              { level: 3, amount: 4.49 },
              { level: 4, amount: 2 },
            ],
            retail_profit: 0,
            breakage: 0.99,
            earners: 4,
            percentiles: { p50: 5.49, p90: 9.98, p99: 9.98, max: 9.98 },
            top_changes: { up: [], down: [] },
          })
        }
        expect(s.actual.plan).toBe("ledger (v1)")
        // a read: the ledger is as it was
        expect(await ledger()).toEqual(before)
      })

      it("gives the hand-computed totals for a changed plan, and who gains and loses", async () => {
        const { data } = await simulate(DRAFT)
        const { simulation: s } = data
        expect(s.draft).toMatchObject({
          plan: "draft",
          orders: 3,
          revenue: 149.7,
          // order 1: 7.98 + 5.99 + 3.99 + 2.00; order 3: cleo 3.99 + ben 2.99 + anna 2.00
          payout: 28.94,
          payout_percent: 19.33,
          per_level: [
            { level: 1, amount: 11.97 },
            { level: 2, amount: 8.98 },
            { level: 3, amount: 5.99 },
            { level: 4, amount: 2 },
          ],
          breakage: 1,
          earners: 4,
          percentiles: { p50: 6.98, p90: 9.98, p99: 9.98, max: 9.98 },
        })
        expect(s.draft.top_changes).toEqual({
          up: [
            { distributor_id: people.ben.distributor.id, handle: "ben", actual: 5.49, draft: 6.98, change: 1.49 },
            { distributor_id: people.anna.distributor.id, handle: "anna", actual: 3.5, draft: 4, change: 0.5 },
          ],
          down: [{ distributor_id: people.dan.distributor.id, handle: "dan", actual: 9.98, draft: 7.98, change: -2 }],
        })
        // dan, cleo, ben differ on order 1 and cleo, ben, anna on order 3; the cancelled order holds nothing on either side
        expect(s).toMatchObject({ holdings_changed: 6, orders_changed: 2 })
      })

      it("requalifies the frozen upline under the draft's activity: at 1 PV nobody qualifies (no product carries PV)", async () => {
        const { data } = await simulate({ ...PLAN, activity: { min_pv: 1, window_days: 30 } })
        expect(data.simulation.draft).toMatchObject({ payout: 0, earners: 0, breakage: 29.94, percentiles: { p50: null, max: null } })
        expect(data.simulation.draft.top_changes.down.map((c: any) => c.handle)).toEqual(["cleo", "dan", "ben", "anna"])
      })

      it("counts only the orders placed in the period, and warns above the cap", async () => {
        const empty = await simulate(PLAN, { from: "2020-01-01", to: "2020-12-31" })
        expect(empty.data.simulation.actual).toMatchObject({ orders: 0, revenue: 0, payout: 0, payout_percent: 0, earners: 0 })
        const retail = await simulate({ ...PLAN, max_payout_percent: 20, retail_profit: true })
        // the orders were settled without retail profit: no member prices frozen, level 1 keeps its percent
        expect(retail.data.simulation.warnings.map((w: any) => w.code)).toEqual(["retail_profit_unknown"])
        expect(retail.data.simulation.warnings[0].message).toContain("2 orders")
      })

      it("simulates a synthetic network the same way for the same seed", async () => {
        const body = { plan: DRAFT, synthetic: { distributors: 500, depth: 6, orders: 2000, average_basis: 50, seed: 7 } }
        const first = await api.post("/admin/mlm/plan/simulate", body, admin)
        const second = await api.post("/admin/mlm/plan/simulate", body, admin)
        expect(first.status).toBe(200)
        expect(second.data).toEqual(first.data)
        const s = first.data.simulation
        expect(s).toMatchObject({ mode: "synthetic", currency_code: "eur", synthetic: { distributors: 500, depth: 6, orders: 2000, seed: 7 } })
        expect(s.synthetic.max_depth_reached).toBeLessThanOrEqual(6)
        expect(s.draft.orders).toBe(2000)
        expect(s.actual.plan).toBe("v1")
        // both plans spread the same 20 %: what one pays and leaves as breakage adds up to the same 20 % of revenue
        const twenty = Math.round(s.draft.revenue * 20) / 100
        expect(Math.round((s.draft.payout + s.draft.breakage) * 100) / 100).toBeCloseTo(twenty, 1)
        expect(Math.round((s.actual.payout + s.actual.breakage) * 100) / 100).toBeCloseTo(twenty, 1)
        const other = await api.post("/admin/mlm/plan/simulate", { ...body, synthetic: { ...body.synthetic, seed: 8 } }, admin)
        expect(other.data.simulation.draft.revenue).not.toBe(s.draft.revenue)
      })

      it("tells how far it is under the caller's progress_key, and that it finished", async () => {
        const key = "trial-0f3c9a7e"
        const body = { plan: DRAFT, synthetic: { distributors: 500, depth: 6, orders: 3000, average_basis: 50 }, progress_key: key }
        const running = api.post("/admin/mlm/plan/simulate", body, admin)
        const seen: { done: number; total: number }[] = []
        let answered = false
        running.then(() => (answered = true))
        while (!answered) {
          const res = await api.get(`/admin/mlm/plan/simulate/progress/${key}`, admin).catch((e: any) => e.response)
          if (res.status === 200) seen.push(res.data.progress)
          else expect(res.status).toBe(404) // not started yet
        }
        expect((await running).data.simulation.draft.orders).toBe(3000)
        // what was seen never goes back, and the record stays after the answer
        seen.forEach((p, i) => expect(p.done).toBeGreaterThanOrEqual(seen[i - 1]?.done ?? 0))
        const after = await api.get(`/admin/mlm/plan/simulate/progress/${key}`, admin)
        expect(after.data.progress).toMatchObject({ key, phase: "replaying", done: 3000, total: 3000, percent: 100, finished: true })
        expect(after.data.progress.elapsed_ms).toBeGreaterThanOrEqual(0)
        const unknown = await api.get("/admin/mlm/plan/simulate/progress/never-started", admin).catch((e: any) => e.response)
        expect([unknown.status, unknown.data.message]).toEqual([404, "No simulation with progress_key never-started ran in the last 10 minutes"])
        const bad = await api.get("/admin/mlm/plan/simulate/progress/a%20b", admin).catch((e: any) => e.response)
        expect([bad.status, bad.data.message]).toEqual([400, "progress_key must be 8 to 64 letters, digits, '-' or '_'"])
        const anonymous = await api.get(`/admin/mlm/plan/simulate/progress/${key}`).catch((e: any) => e.response)
        expect(anonymous.status).toBe(401)
      })

      it("rejects bad input with a 400 that says what is wrong", async () => {
        const post = (body: unknown) => api.post("/admin/mlm/plan/simulate", body, admin).catch((e: any) => e.response)
        // Medusa rewords zod's range and enum messages ("Value for field ... too small"); ours stand for the rest
        const cases: [unknown, string][] = [
          [{ plan: PLAN }, "give from and to"],
          [{ plan: PLAN, from, to, synthetic: { distributors: 10, depth: 3, orders: 10, average_basis: 10 } }, "not both"],
          [{ plan: PLAN, from: to, to: from }, "from must not be after to"],
          [{ plan: PLAN, from: "yesterday", to }, "from must be a date"],
          [{ plan: { ...PLAN, levels: [{ level: 1, percent: 60 }] }, from, to }, "above max_payout_percent"],
          [{ plan: PLAN, synthetic: { distributors: 0, depth: 3, orders: 10, average_basis: 10 } }, "Value for field 'synthetic, distributors' too small, expected at least: '1'"],
          [{ plan: PLAN, synthetic: { distributors: 10, depth: 3, orders: 2_000_000, average_basis: 10 } }, "synthetic, orders"],
          [{ plan: PLAN, from, to, currency_code: "euro" }, "currency_code must be a 3-letter ISO code"],
          [{ plan: PLAN, from, to, progress_key: "short" }, "progress_key must be 8 to 64 letters, digits, '-' or '_'"],
        ]
        for (const [body, message] of cases) {
          const res = await post(body)
          expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(message)])
        }
        const unauthenticated = await api.post("/admin/mlm/plan/simulate", { plan: PLAN, from, to }).catch((e: any) => e.response)
        expect(unauthenticated.status).toBe(401)
      })
    })

    describe("GET /admin/mlm/reports/income-disclosure", () => {
      const report = (query: string) => api.get(`/admin/mlm/reports/income-disclosure?${query}`, admin)

      it("counts everyone enrolled by the period's end, zero earners included, clawbacks netted", async () => {
        const { status, data } = await report(`from=${from}&to=${to}&currency=eur`)
        expect(status).toBe(200)
        // earnings sorted: 0 (eve), 3.50, 5.49, 9.98, 9.98
        expect(data.report).toMatchObject({
          currency_code: "eur",
          distributors: 5,
          earners: 4,
          earners_share: 80,
          total: 28.95,
          mean: 5.79,
          median: 5.49,
          percentiles: { p10: 0, p25: 3.5, p50: 5.49, p75: 9.98, p90: 9.98, p99: 9.98, max: 9.98 },
          clawbacks: -7.49,
          by_rank: [{ rank: null, distributors: 5, earners: 4, median: 5.49 }],
          volume: { orders: 3, total: 149.7, customers: 99.8, customers_share: 66.67, distributors_own: 49.9, distributors_own_share: 33.33 },
        })
      })

      it("gives an even count the mean of its two middle values, and leaves out who enrolled after the period", async () => {
        await enrollThroughStore(api, storeHeaders(store), "frank", "eve")
        const later = new Date().toISOString()
        // frank enrolled after `to`: the same five
        expect((await report(`from=${from}&to=${to}`)).data.report.distributors).toBe(5)
        const { data } = await report(`from=${from}&to=${later}`)
        // 0, 0, 3.50, 5.49, 9.98, 9.98: median (3.50 + 5.49) / 2 = 4.495 -> 4.50; mean 28.95 / 6 = 4.825 -> 4.83
        expect(data.report).toMatchObject({ distributors: 6, earners: 4, earners_share: 66.67, median: 4.5, mean: 4.83, percentiles: { p10: 0, p50: 3.5 } })
      })

      it("exports CSV and a printable page, and rejects bad input", async () => {
        const csv = await report(`from=${from}&to=${to}&format=csv`)
        expect(csv.headers["content-type"]).toContain("text/csv")
        expect(csv.data.split("\n").slice(0, 3)).toEqual([
          "group,distributors,earners,earners_share,total,mean,median,p10,p25,p50,p75,p90,p99,max",
          "all,5,4,80,28.95,5.79,5.49,0,3.5,5.49,9.98,9.98,9.98,9.98",
          "no rank,5,4,80,28.95,5.79,5.49,0,3.5,5.49,9.98,9.98,9.98,9.98",
        ])
        const html = await report(`from=${from}&to=${to}&format=html`)
        expect(html.headers["content-type"]).toContain("text/html")
        expect(html.data).toContain("5 distributors were enrolled by the end of the period; 4 of them (80%) earned more than 0")
        for (const [query, message] of [
          ["format=pdf", "Expected: 'json, csv, html' for field 'format'"],
          [`from=${to}&to=${from}`, "from must not be after to"],
          ["to=soon", "to must be a date"],
          ["currency=euro", "currency must be a 3-letter ISO code"],
        ]) {
          const res = await report(query).catch((e: any) => e.response)
          expect([res.status, res.data.message]).toEqual([400, expect.stringContaining(message)])
        }
      })
    })
  },
})
