import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { StepResponse } from "@medusajs/framework/workflows-sdk"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders } from "../../helpers/auth"
import { failure } from "../../helpers/store"
import { enrollThroughStore } from "../../helpers/network"
import { checkout, storeHeaders } from "../../helpers/checkout"
import { settleOrderCommissionsWorkflow } from "../../../src/workflows/commission/workflows/settle-order-commissions"

jest.setTimeout(240_000)

/**
 * Issue 12 through the real app: product volume, activity, ranks and the host app's hooks.
 * Shake 49.90 EUR = 25 PV; the starter kit (99.00 EUR) is not commissionable.
 */
const RANKED = {
  name: "Ranked plan",
  levels: [
    { level: 1, percent: 10 },
    { level: 2, percent: 5, min_rank: "Silver" },
  ],
  activity: { min_pv: 50, window_days: 30 },
  ranks: [
    { name: "Bronze", min_pv: 50, min_gv: 0, min_active_legs: 0 },
    { name: "Silver", min_pv: 50, min_gv: 150, min_active_legs: 1 },
  ],
}

/** The example hooks a host app registers (switched on per test: a handler stays for the process). */
const hooks = { excludeTitle: null as string | null, hold: null as { handle: string; reason: string } | null, calls: 0 }
settleOrderCommissionsWorkflow.hooks.commissionableItems(async ({ items }) => {
  hooks.calls++
  const exclude_item_ids = hooks.excludeTitle ? items.filter((i) => i.title?.includes(hooks.excludeTitle!)).map((i) => i.id) : []
  return new StepResponse({ exclude_item_ids })
})
settleOrderCommissionsWorkflow.hooks.beneficiaryEligibility(async ({ beneficiaries }) => {
  const ineligible = hooks.hold
    ? beneficiaries.filter((b) => b.handle === hooks.hold!.handle).map((b) => ({ distributor_id: b.distributor_id, reason: hooks.hold!.reason }))
    : []
  return new StepResponse({ ineligible })
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    const product = (handle: string) => store.products.find((p) => p.handle === handle)!
    const variant = (handle: string) => product(handle).variants[0].id

    beforeEach(async () => {
      hooks.excludeTitle = null
      hooks.hold = null
      hooks.calls = 0
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
    })

    const lines = async (orderId: string) =>
      (await api.get(`/admin/mlm/orders/${orderId}/commissions`, admin)).data as { run: any; commissions: any[] }
    const summary = (commissions: any[]) =>
      commissions
        .sort((a, b) => a.level - b.level || a.kind.localeCompare(b.kind))
        .map((l) => [l.kind, l.level, l.distributor_handle, l.amount, l.status])
    const waitFor = (event: string) =>
      TestEventUtils.waitSubscribersExecution(event, getContainer().resolve(Modules.EVENT_BUS))

    describe("product volume settings", () => {
      it("answers the defaults, saves pv_per_unit and commissionable, keeps a field not given", async () => {
        const shake = product("vitality-shake").id
        expect((await api.get(`/admin/mlm/products/${shake}/volume`, admin)).data).toEqual({
          product_volume: { product_id: shake, pv_per_unit: 0, commissionable: true },
        })
        expect((await api.post(`/admin/mlm/products/${shake}/volume`, { pv_per_unit: 25.5 }, admin)).data).toEqual({
          product_volume: { product_id: shake, pv_per_unit: 25.5, commissionable: true },
        })
        expect((await api.post(`/admin/mlm/products/${shake}/volume`, { commissionable: false }, admin)).data.product_volume).toEqual({
          product_id: shake,
          pv_per_unit: 25.5,
          commissionable: false,
        })
        expect((await api.get(`/admin/mlm/products/${shake}/volume`, admin)).data.product_volume.pv_per_unit).toBe(25.5)
      })

      it.each([
        [{ pv_per_unit: -1 }, "pv_per_unit must be 0 or more"],
        [{ pv_per_unit: 1.005 }, "pv_per_unit may have at most 2 decimals"],
        [{ pv_per_unit: "25" }, "Expected type: 'number' for field 'pv_per_unit'"],
        [{ commissionable: "no" }, "Expected type: 'boolean' for field 'commissionable'"],
        [{}, "Give pv_per_unit, commissionable or both"],
        [{ pv_per_unit: 1, bonus: 2 }, "bonus"],
      ])("rejects %j with 400 and writes nothing", async (body, message) => {
        const shake = product("vitality-shake").id
        const answer = await failure(api.post(`/admin/mlm/products/${shake}/volume`, body, admin))
        expect(answer.status).toBe(400)
        expect(answer.data.message).toContain(message)
        expect((await api.get(`/admin/mlm/products/${shake}/volume`, admin)).data.product_volume).toEqual({
          product_id: shake,
          pv_per_unit: 0,
          commissionable: true,
        })
      })

      it("answers 404 for an unknown product and 401 without an admin", async () => {
        expect((await failure(api.get("/admin/mlm/products/prod_nope/volume", admin))).status).toBe(404)
        expect((await failure(api.post("/admin/mlm/products/prod_nope/volume", { pv_per_unit: 1 }, admin))).status).toBe(404)
        expect((await failure(api.get(`/admin/mlm/products/${product("vitality-shake").id}/volume`))).status).toBe(401)
      })
    })

    describe("activity and ranks", () => {
      it("pays levels only to the active and to the rank a level asks for, freezes it, and follows cancels", async () => {
        const h = storeHeaders(store)
        const anna = await enrollThroughStore(api, h, "anna")
        const ben = await enrollThroughStore(api, h, "ben", "anna")
        const cleo = await enrollThroughStore(api, h, "cleo", "ben")
        const dan = await enrollThroughStore(api, h, "dan", "cleo")
        await api.post("/admin/mlm/plan", RANKED, admin)
        await api.post(`/admin/mlm/products/${product("vitality-shake").id}/volume`, { pv_per_unit: 25 }, admin)
        await api.post(`/admin/mlm/products/${product("starter-kit").id}/volume`, { pv_per_unit: 100, commissionable: false }, admin)
        const twoShakes = [{ variant_id: variant("vitality-shake"), quantity: 2 }]

        // 1. ben buys for himself (50 PV): his sponsor anna has no PV, so nobody earns
        const first = await checkout(api, getContainer(), store, { customer: ben.headers, items: twoShakes })
        const one = await lines(first.order.id)
        expect(one.commissions).toEqual([])
        expect(one.run.volume).toEqual({ distributor_id: ben.distributor.id, day: expect.any(String), pv: 50 })
        expect(one.run.explanation).toMatchObject({
          skipped: [{ handle: "anna", reason: "not_active", pv: 0, min_pv: 50 }],
          unpaid_levels: [1, 2],
        })

        // 2. cleo buys for herself: ben (50 PV, active) earns level 1; level 2 wants Silver and anna is not active
        const second = await checkout(api, getContainer(), store, { customer: cleo.headers, items: twoShakes })
        expect(summary((await lines(second.order.id)).commissions)).toEqual([["commission", 1, "ben", 9.98, "pending"]])

        // 3. a guest buys 2 shakes and a starter kit through dan: the kit earns nothing and adds no PV.
        //    Level 2 (Silver) passes cleo (Bronze: GV 100) and rolls up to ben (GV 150, one active leg: Silver).
        const ranked = waitFor("mlm.rank.achieved")
        const third = await checkout(api, getContainer(), store, {
          referral: "dan",
          items: [...twoShakes, { variant_id: variant("starter-kit"), quantity: 1 }],
        })
        const three = await lines(third.order.id)
        expect(three.run).toMatchObject({ basis: 99.8, plan_amount: 14.97, paid_amount: 14.97, breakage: 0 })
        expect(three.run.volume).toMatchObject({ distributor_id: dan.distributor.id, pv: 50 })
        expect(summary(three.commissions)).toEqual([
          ["commission", 1, "dan", 9.98, "pending"],
          ["commission", 2, "ben", 4.99, "pending"],
        ])
        const benLine = three.commissions.find((l) => l.distributor_handle === "ben")
        expect(benLine.explanation.skipped).toEqual([{ handle: "cleo", reason: "rank_below", rank: "Bronze", min_rank: "Silver", level: 2 }])
        expect(benLine.explanation.qualification).toEqual([
          { handle: "dan", pv: 50, gv: 50, active_legs: 0, active: true, rank: "Bronze" },
          { handle: "cleo", pv: 50, gv: 100, active_legs: 1, active: true, rank: "Bronze" },
          { handle: "ben", pv: 50, gv: 150, active_legs: 1, active: true, rank: "Silver" },
          { handle: "anna", pv: 0, gv: 150, active_legs: 1, active: false, rank: null },
        ])
        const events = JSON.stringify(await ranked)
        expect(events).toContain(`"distributor_id":"${ben.distributor.id}","rank":"Silver","previous_rank":"Bronze"`)

        const me = (await api.get("/store/mlm/me", ben.headers)).data
        expect(me.volume).toEqual({ window_days: 30, pv: 50, gv: 150, active_legs: 1, active: true })
        expect(me.rank).toEqual({ current: "Silver", highest: "Silver" })

        // 4. the qualification is frozen: ben set inactive, the order settled again, nothing changes
        await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "inactive" }, admin)
        const again = await settleOrderCommissionsWorkflow(getContainer()).run({ input: { order_id: third.order.id, trigger: "manual" } })
        expect(again.result).toMatchObject({ settlement: null, inserted: [], reversed: [] })
        await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "active" }, admin)

        // 5. the order is cancelled: its lines are reversed, dan's 50 PV leaves the team's volume,
        //    ben drops back to Bronze and keeps Silver as his title
        const canceled = waitFor("order.canceled")
        await api.post(`/admin/orders/${third.order.id}/cancel`, {}, admin)
        await canceled
        const after = await lines(third.order.id)
        expect(summary(after.commissions)).toEqual([
          ["commission", 1, "dan", 9.98, "reversed"],
          ["commission", 2, "ben", 4.99, "reversed"],
        ])
        expect(after.run.volume.pv).toBe(0)
        const meAfter = (await api.get("/store/mlm/me", ben.headers)).data
        expect(meAfter.volume).toEqual({ window_days: 30, pv: 50, gv: 100, active_legs: 1, active: true })
        expect(meAfter.rank).toEqual({ current: "Bronze", highest: "Silver" })

        const team = (await api.get("/store/mlm/me/downline", ben.headers)).data.members
        expect(team.map((m: any) => [m.handle, m.active, m.pv])).toEqual([
          ["cleo", true, 50],
          ["dan", false, 0],
        ])
        const detail = (await api.get(`/admin/mlm/distributors/${ben.distributor.id}`, admin)).data.distributor
        const month = new Date().toISOString().slice(0, 7)
        expect(detail.volume).toEqual(meAfter.volume)
        expect(detail.rank).toEqual({ current: "Bronze", highest: "Silver" })
        expect(detail.monthly_volume).toEqual([{ month, pv: 50, gv: 100 }])
        expect(anna.distributor.id).toBeTruthy()
      })

      it("rejects a plan whose levels name a rank it does not have, or whose ladder goes down", async () => {
        const wrong = await failure(api.post("/admin/mlm/plan", { ...RANKED, levels: [{ level: 1, percent: 10, min_rank: "Gold" }] }, admin))
        expect(wrong.status).toBe(400)
        expect(wrong.data.message).toContain('level 1 min_rank "Gold" is not one of the plan\'s ranks')
        const down = await failure(api.post("/admin/mlm/plan", { ...RANKED, ranks: [...RANKED.ranks].reverse() }, admin))
        expect(down.status).toBe(400)
        expect(down.data.message).toContain('ranks[2]: ranks go lowest first; "Bronze" must ask at least as much as "Silver"')
        expect((await api.get("/admin/mlm/plan", admin)).data.plan).toBeNull()
      })
    })

    describe("hooks for host apps", () => {
      it("lets a host app exclude items from the basis and hold a beneficiary back", async () => {
        const h = storeHeaders(store)
        await enrollThroughStore(api, h, "anna")
        await enrollThroughStore(api, h, "ben", "anna")
        await enrollThroughStore(api, h, "cleo", "ben")
        await api.post("/admin/mlm/plan", { levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5 }] }, admin)
        hooks.excludeTitle = "Omega"
        hooks.hold = { handle: "cleo", reason: "compliance hold" }
        const { order } = await checkout(api, getContainer(), store, {
          referral: "cleo",
          items: [
            { variant_id: variant("vitality-shake"), quantity: 1 },
            { variant_id: variant("omega-3-capsules"), quantity: 1 },
          ],
        })
        const { run, commissions } = await lines(order.id)
        // basis 49.90 (the 24.50 omega excluded); cleo held: level 1 rolls up to ben, level 2 to anna
        expect(run.basis).toBe(49.9)
        expect(run.explanation.excluded_item_ids).toHaveLength(1)
        expect(summary(commissions)).toEqual([
          ["commission", 1, "ben", 4.99, "pending"],
          ["commission", 2, "anna", 2.5, "pending"],
        ])
        expect(commissions[0].explanation.skipped).toEqual([{ handle: "cleo", reason: "not_eligible", note: "compliance hold" }])
      })

      it("shows the hooks the order's items and chain; reconciliation settles again only an order changed since", async () => {
        const h = storeHeaders(store)
        await enrollThroughStore(api, h, "anna")
        await enrollThroughStore(api, h, "ben", "anna")
        await api.post("/admin/mlm/plan", { levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5 }] }, admin)
        const { order } = await checkout(api, getContainer(), store, { referral: "ben", items: [{ variant_id: variant("vitality-shake"), quantity: 1 }] })
        // With a handler registered the candidates are read and the hook runs: once, by order.placed.
        const { transaction } = await settleOrderCommissionsWorkflow(getContainer()).run({ input: { order_id: order.id, trigger: "manual" } })
        expect(transaction.getFlow().steps["_root.load-settlement-candidates"].invoke.state).toBe("done")
        expect(hooks.calls).toBe(2)
        // Unchanged since its settlement: reconciliation counts it and passes over it (the hook does not run).
        expect((await api.post("/admin/mlm/reconcile", {}, admin)).data).toEqual({ checked: 1, changed: 0, failed: [] })
        expect(hooks.calls).toBe(2)
        // Changed (an admin edits the order; no settlement event): settled again, nothing to write.
        await api.post(`/admin/orders/${order.id}`, { email: "changed@example.com" }, admin)
        expect((await api.post("/admin/mlm/reconcile", {}, admin)).data).toEqual({ checked: 1, changed: 0, failed: [] })
        expect(hooks.calls).toBe(3)
        expect(summary((await lines(order.id)).commissions)).toEqual([
          ["commission", 1, "ben", 4.99, "pending"],
          ["commission", 2, "anna", 2.5, "pending"],
        ])
      })
    })
  },
})
