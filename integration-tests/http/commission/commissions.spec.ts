import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { failure } from "../../helpers/store"
import { enrollLine } from "../../helpers/network"
import { checkout, storeHeaders } from "../../helpers/checkout"
import { fulfillOrder, receiveReturn } from "../../helpers/returns"
import { FOUR_LEVELS } from "../../helpers/plans"
import { settleOrderCommissionsWorkflow } from "../../../src/workflows/commission/workflows/settle-order-commissions"
import { COMMISSION_MODULE } from "../../../src/modules/commission"
import { settlePlacedOrdersWorkflow } from "../../../src/workflows/commission/workflows/settle-placed-orders"
import orderPlacedHandler from "../../../src/subscribers/order-placed"

jest.setTimeout(240_000)

const PLAN = {
  name: "Launch plan",
  levels: FOUR_LEVELS,
}
const DAY = 24 * 60 * 60 * 1000

// These tests count hold days from the order's placement (plugin option mature_from: "placed");
// payouts.spec.ts tests the default, maturity from fulfilment. The runner reads medusa-config.ts
// before applying its `env` option, so set it while loading.
process.env.MLM_MATURE_FROM = "placed"
afterAll(() => delete process.env.MLM_MATURE_FROM)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let shake: string // 49.90 EUR
    let kit: string // 99.00 EUR

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
      shake = store.products.find((p) => p.handle === "vitality-shake")!.variants[0].id
      kit = store.products.find((p) => p.handle === "starter-kit")!.variants[0].id
    })

    /** anna -> ben -> cleo -> dan */
    const chain = () => enrollLine(api, storeHeaders(store), ["anna", "ben", "cleo", "dan"])

    const setPlan = (plan: object = PLAN) => api.post("/admin/mlm/plan", plan, admin)
    const linesOf = async (orderId: string) =>
      (await api.get(`/admin/mlm/commissions?order_id=${orderId}`, admin)).data.commissions.sort(
        (a: any, b: any) => a.kind.localeCompare(b.kind) || a.level - b.level || a.status.localeCompare(b.status)
      )
    const summary = (lines: any[]) => lines.map((l) => [l.kind, l.level, l.distributor_handle, l.amount, l.status])
    const buyThroughDan = (items = [{ variant_id: shake, quantity: 2 }]) =>
      checkout(api, getContainer(), store, { items, referral: "dan" })
    const waitFor = (event: string, triggerCount = 1) =>
      TestEventUtils.waitSubscribersExecution(event, getContainer().resolve(Modules.EVENT_BUS), { triggerCount })
    /** As if the order's order.placed had never been handled: no attribution, no settlement, no lines. */
    const forgetSettlement = async (orderId: string) => {
      const commission = getContainer().resolve(COMMISSION_MODULE) as any
      const network = getContainer().resolve("mlmNetwork") as any
      await commission.deleteCommissionLines((await commission.listCommissionLines({ order_id: orderId })).map((l: any) => l.id))
      await commission.deleteCommissionRuns((await commission.listCommissionRuns({ order_id: orderId })).map((r: any) => r.id))
      await network.deleteOrderAttributions((await network.listOrderAttributions({ order_id: orderId })).map((a: any) => a.id))
    }

    describe("the plan", () => {
      it("creates immutable versions, the newest active", async () => {
        expect((await api.get("/admin/mlm/plan", admin)).data).toEqual({ plan: null })
        const v1 = await setPlan()
        expect(v1.data.plan).toMatchObject({
          version: 1,
          name: "Launch plan",
          levels: PLAN.levels,
          max_payout_percent: 50,
          hold_days: 30,
          compression: true,
        })
        const v2 = await setPlan({ levels: [{ level: 1, percent: 12.5 }], hold_days: 0, compression: false, max_payout_percent: 20 })
        expect(v2.data.plan).toMatchObject({ version: 2, levels: [{ level: 1, percent: 12.5 }], hold_days: 0, compression: false })
        expect((await api.get("/admin/mlm/plan", admin)).data.plan.version).toBe(2)
        const versions = (await api.get("/admin/mlm/plan/versions", admin)).data.versions
        expect(versions.map((v: any) => [v.version, v.levels.length])).toEqual([[2, 1], [1, 4]])
      })

      it.each([
        [{ levels: [{ level: 1, percent: 10 }, { level: 3, percent: 3 }] }, "levels: levels must be 1, 2, 3, ... without gaps; level 2 is missing"],
        [{ levels: [{ level: 1, percent: 10 }, { level: 1, percent: 3 }] }, "levels: level 1 appears more than once"],
        [{ levels: [{ level: 1, percent: 0 }] }, "levels: level 1 percent must be greater than 0"],
        [{ levels: [{ level: 1, percent: 101 }], max_payout_percent: 100 }, "levels: level 1 percent must be at most 100"],
        [{ levels: [{ level: 1, percent: 1.23456 }] }, "levels: level 1 percent may have at most 4 decimals"],
        [{ levels: [{ level: 1, percent: 30 }, { level: 2, percent: 25 }] }, "levels: the percents add up to 55, above max_payout_percent 50"],
        [{ levels: [{ level: 1, percent: 10 }], hold_days: -1 }, "Value for field 'hold_days' too small, expected at least: '0'"],
        [{ levels: [{ level: 1, percent: 10 }], hold_days: 100000 }, "Value for field 'hold_days' too big, expected at most: '3650'"],
        [{ levels: [{ level: 1, percent: 10 }], name: "Plan\u0000" }, "name must not contain control or bidirectional-override characters"],
      ])("rejects %j with 400 and keeps the active version", async (plan, message) => {
        await setPlan()
        const answer = await failure(api.post("/admin/mlm/plan", plan, admin))
        expect(answer.status).toBe(400)
        expect(answer.data.message).toContain(message)
        expect((await api.get("/admin/mlm/plan/versions", admin)).data.versions).toHaveLength(1)
      })

      it("rejects malformed bodies with 400", async () => {
        expect((await failure(api.post("/admin/mlm/plan", {}, admin))).data.message).toContain("levels")
        expect((await failure(api.post("/admin/mlm/plan", { levels: [{ level: 1, percent: "10" }] }, admin))).status).toBe(400)
        expect((await failure(api.post("/admin/mlm/plan", { levels: [{ level: 1, percent: 10 }], bonus: 1 }, admin))).status).toBe(400)
        expect((await failure(api.post("/admin/mlm/plan", PLAN))).status).toBe(401)
      })
    })

    describe("computing commissions on a placed order", () => {
      it("pays a 4-level chain exact amounts on a 99.80 EUR basis, each line explained", async () => {
        const { dan } = await chain()
        await setPlan()
        const created = waitFor("mlm.commission.created")
        const { order } = await buyThroughDan()
        const lines = await linesOf(order.id)
        // The event a host app listens to (e-mails, payout providers) names the order and the lines.
        const event = JSON.stringify(await created)
        expect(event).toContain(order.id)
        lines.forEach((line: any) => expect(event).toContain(line.id))
        // 10% 9.98 | 5% 4.99 | 3% 2.994 -> 2.99 | 2% 1.996 -> 2.00
        expect(summary(lines)).toEqual([
          ["commission", 1, "dan", 9.98, "pending"],
          ["commission", 2, "cleo", 4.99, "pending"],
          ["commission", 3, "ben", 2.99, "pending"],
          ["commission", 4, "anna", 2, "pending"],
        ])
        expect(lines[2]).toMatchObject({
          order_id: order.id,
          source_distributor_id: dan.distributor.id,
          basis: 99.8,
          percent: 3,
          currency_code: "eur",
          plan_version: 1,
          explanation: { upline: ["dan", "cleo", "ben", "anna"], skipped: [], rounding: -0.004, attribution_source: "link" },
        })
        expect(lines[3].explanation.rounding).toBe(0.004)
        const detail = (await api.get(`/admin/mlm/orders/${order.id}/commissions`, admin)).data
        expect(detail.run).toMatchObject({ basis: 99.8, plan_version: 1, plan_amount: 19.96, paid_amount: 19.96, breakage: 0 })
      })

      it("pays a distributor's own order from their sponsor up, never to themself", async () => {
        const { cleo } = await chain()
        await setPlan()
        const { order } = await checkout(api, getContainer(), store, { customer: cleo.headers, items: [{ variant_id: kit, quantity: 1 }] })
        expect(summary(await linesOf(order.id))).toEqual([
          ["commission", 1, "ben", 9.9, "pending"],
          ["commission", 2, "anna", 4.95, "pending"],
        ])
        const detail = (await api.get(`/admin/mlm/orders/${order.id}/commissions`, admin)).data
        expect(detail.run).toMatchObject({ attribution_source: "self", plan_amount: 19.8, paid_amount: 14.85, breakage: 4.95 })
        expect(detail.run.explanation.unpaid_levels).toEqual([3, 4])
      })

      it("records an order that earns nothing when no plan is configured", async () => {
        await chain()
        const { order } = await buyThroughDan()
        const detail = (await api.get(`/admin/mlm/orders/${order.id}/commissions`, admin)).data
        expect(detail.commissions).toEqual([])
        expect(detail.run).toMatchObject({ plan_version: null, basis: 99.8, paid_amount: 0 })
        expect(detail.run.explanation.note).toBe("No compensation plan is configured: this order earns nothing.")
        const unknown = await failure(api.get("/admin/mlm/orders/order_nope/commissions", admin))
        expect(unknown).toEqual({ status: 404, data: { type: "not_found", message: "Order order_nope was not found" } })
      })

      it("writes one set of lines when the event is delivered twice or settled by two workers at once", async () => {
        await chain()
        await setPlan()
        const { order } = await buyThroughDan()
        const container = getContainer()
        const settle = () => settleOrderCommissionsWorkflow(container).run({ input: { order_id: order.id, trigger: "manual" } })
        const results = await Promise.all([settle(), settle(), settle()])
        expect(results.map((r) => r.result.settlement)).toEqual([null, null, null])
        // No host app registered a hook here: the hooks' candidates are not read.
        expect(results[0].transaction.getFlow().steps["_root.load-settlement-candidates"].invoke.state).toBe("skipped")
        const again = waitFor("order.placed")
        await container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })
        await again
        expect(summary(await linesOf(order.id))).toHaveLength(4)
      })

      it("settles orders placed at the same moment together, each with exactly the lines it has on its own", async () => {
        await chain()
        await setPlan()
        const container = getContainer()
        const bought = [
          await buyThroughDan(), // 2 shakes, 99.80 EUR
          await buyThroughDan([{ variant_id: kit, quantity: 1 }]), // 99.00 EUR
          await buyThroughDan([{ variant_id: kit, quantity: 2 }]), // 198.00 EUR
        ]
        const { order: plain } = await checkout(api, container, store, { items: [{ variant_id: shake, quantity: 1 }] })
        const ids = bought.map((b) => b.order.id)
        const alone = await Promise.all(ids.map(async (id) => summary(await linesOf(id))))
        const lines = (...amounts: number[]) =>
          amounts.map((amount, k) => ["commission", k + 1, ["dan", "cleo", "ben", "anna"][k], amount, "pending"])
        expect(alone).toEqual([lines(9.98, 4.99, 2.99, 2), lines(9.9, 4.95, 2.97, 1.98), lines(19.8, 9.9, 5.94, 3.96)])

        // Three order.placed at once: the first settles alone at once, the two that arrive while it
        // runs settle together after it, in one workflow run (their events share its event group).
        for (const id of ids) await forgetSettlement(id)
        const attributed = waitFor("mlm.order.attributed", 3)
        const placed = waitFor("order.placed", 3)
        await container.resolve(Modules.EVENT_BUS).emit(ids.map((id) => ({ name: "order.placed", data: { id } })))
        await placed
        // with triggerCount > 1: one list per listener, of each delivery's arguments
        const [deliveries] = (await attributed) as any[][][]
        const announced = deliveries.map(([event]) => event)
        expect(announced.map((e) => e.data.order_id).sort()).toEqual([...ids].sort())
        const runs = new Map<string, string[]>()
        for (const e of announced) runs.set(e.metadata.eventGroupId, [...(runs.get(e.metadata.eventGroupId) ?? []), e.data.order_id])
        expect([...runs.values()].map((orders) => orders.length).sort()).toEqual([1, 2])
        for (const [k, id] of ids.entries()) expect(summary(await linesOf(id))).toEqual(alone[k])

        // The batch workflow itself: again, it writes nothing; an order credited to nobody earns nothing.
        const again = await settlePlacedOrdersWorkflow(container).run({ input: { order_ids: [...ids, plain.id] } })
        expect(again.result.map((r) => [r.order_id, r.settlement])).toEqual([...ids, plain.id].map((id) => [id, null]))
        for (const [k, id] of ids.entries()) expect(summary(await linesOf(id))).toEqual(alone[k])
        expect(await linesOf(plain.id)).toEqual([])

        // A batch that fails leaves nothing behind (the subscriber then settles its orders one by one).
        await forgetSettlement(ids[0])
        const failed = await settlePlacedOrdersWorkflow(container)
          .run({ input: { order_ids: [ids[0], "order_nope"] } })
          .then(() => "ran", (e: Error) => e.message)
        expect(failed).toBe("Order order_nope was not found")
        expect(await linesOf(ids[0])).toEqual([])
        expect((await api.get(`/admin/mlm/orders/${ids[0]}/attribution`, admin)).data.attribution).toBeNull()

        // A batch that fails part way, after its first order settled: that order's lines and run are
        // taken back, and both orders' attributions (the attribution step's compensation).
        await forgetSettlement(ids[1])
        const commission = container.resolve(COMMISSION_MODULE) as any
        const withOrderLock = commission.withOrderLock.bind(commission)
        const settledFirst: string[] = []
        const lock = jest.spyOn(commission, "withOrderLock").mockImplementation(async (orderId: any, work: any) => {
          if (settledFirst.length) throw new Error(`lock for ${orderId} refused`)
          const out = await withOrderLock(orderId, work)
          settledFirst.push(orderId)
          return out
        })
        try {
          const partWay = await settlePlacedOrdersWorkflow(container)
            .run({ input: { order_ids: [ids[0], ids[1]] } })
            .then(() => "ran", (e: Error) => e.message)
          expect(partWay).toBe(`lock for ${ids[1]} refused`)
        } finally {
          lock.mockRestore()
        }
        // the first order had settled with its four lines before the second failed
        expect(settledFirst).toEqual([ids[0]])
        for (const id of [ids[0], ids[1]]) {
          expect(await linesOf(id)).toEqual([])
          expect(await commission.listCommissionRuns({ order_id: id })).toEqual([])
          expect((await api.get(`/admin/mlm/orders/${id}/attribution`, admin)).data.attribution).toBeNull()
        }
        // and the same batch, run again, settles both with exactly their lines
        await settlePlacedOrdersWorkflow(container).run({ input: { order_ids: [ids[0], ids[1]] } })
        expect(summary(await linesOf(ids[0]))).toEqual(alone[0])
        expect(summary(await linesOf(ids[1]))).toEqual(alone[1])

        // The subscriber: an order whose run fails (its first lock refused) leaves nothing of that run,
        // then goes through the attribution's and the settlement's own workflows and has its lines.
        await forgetSettlement(ids[2])
        const refused: string[] = []
        const once = jest.spyOn(commission, "withOrderLock").mockImplementation(async (orderId: any, work: any) => {
          if (refused.length) return withOrderLock(orderId, work)
          refused.push(orderId)
          throw new Error(`lock for ${orderId} refused`)
        })
        try {
          await orderPlacedHandler({ event: { name: "order.placed", data: { id: ids[2] } }, container } as any)
          expect(once).toHaveBeenCalledTimes(2)
        } finally {
          once.mockRestore()
        }
        expect(refused).toEqual([ids[2]])
        expect(summary(await linesOf(ids[2]))).toEqual(alone[2])
        expect((await api.get(`/admin/mlm/orders/${ids[2]}/attribution`, admin)).data.attribution).toMatchObject({
          source: "link",
          distributor: { handle: "dan" },
        })
        expect(await commission.listCommissionRuns({ order_id: ids[2] })).toHaveLength(1)
      })

      it("settles an order whose events were lost when an admin runs reconciliation", async () => {
        await chain()
        await setPlan()
        const { order } = await buyThroughDan()
        // a retail order through no link by a guest nobody is bound to: checked, nothing to credit
        const { order: plain } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }] })
        // Simulate a lost order.placed: no attribution, no commissions.
        await forgetSettlement(order.id)
        expect(await linesOf(order.id)).toEqual([])
        const first = await api.post("/admin/mlm/reconcile", {}, admin)
        expect(first.data).toEqual({ checked: 2, changed: 1, failed: [] })
        expect(summary(await linesOf(order.id)).map((l) => l[3])).toEqual([9.98, 4.99, 2.99, 2])
        expect(await linesOf(plain.id)).toEqual([])
        expect((await api.get(`/admin/mlm/orders/${plain.id}/attribution`, admin)).data.attribution).toBeNull()
        expect((await api.get(`/admin/mlm/orders/${order.id}/attribution`, admin)).data.attribution).toMatchObject({
          source: "link",
          distributor: { handle: "dan" },
        })
        // The cursor moved on: nothing changed since, nothing to do.
        expect((await api.post("/admin/mlm/reconcile", {}, admin)).data).toEqual({ checked: 0, changed: 0, failed: [] })
        expect((await failure(api.post("/admin/mlm/reconcile", {}))).status).toBe(401)
        const unknownField = await failure(api.post("/admin/mlm/reconcile", { order_id: order.id }, admin))
        expect(unknownField.status).toBe(400)
        expect(unknownField.data.message).toContain("order_id")
      })

      it("keeps an order's lines when the plan changes afterwards; the next order uses the new plan", async () => {
        await chain()
        await setPlan()
        const first = await buyThroughDan()
        await setPlan({ levels: [{ level: 1, percent: 20 }, { level: 2, percent: 10 }] })
        const second = await buyThroughDan()
        expect(summary(await linesOf(first.order.id)).map((l) => l[3])).toEqual([9.98, 4.99, 2.99, 2])
        expect((await linesOf(first.order.id))[0].plan_version).toBe(1)
        expect(summary(await linesOf(second.order.id))).toEqual([
          ["commission", 1, "dan", 19.96, "pending"],
          ["commission", 2, "cleo", 9.98, "pending"],
        ])
        expect((await linesOf(second.order.id))[0].plan_version).toBe(2)
      })

      it("keeps an order's lines when a sponsor moves afterwards; the next order follows the new tree", async () => {
        const { anna, cleo } = await chain()
        await setPlan()
        const first = await buyThroughDan()
        await api.post(`/admin/mlm/distributors/${cleo.distributor.id}/sponsor`, { sponsor_id: anna.distributor.id }, admin)
        const second = await buyThroughDan()
        const before = await linesOf(first.order.id)
        expect(summary(before).map((l) => l[2])).toEqual(["dan", "cleo", "ben", "anna"])
        expect(before[0].explanation.upline).toEqual(["dan", "cleo", "ben", "anna"])
        const after = await linesOf(second.order.id)
        expect(summary(after).map((l) => [l[2], l[3]])).toEqual([["dan", 9.98], ["cleo", 4.99], ["anna", 2.99]])
        expect(after[0].explanation.upline).toEqual(["dan", "cleo", "anna"])
      })

      it("skips an inactive distributor with compression and says so", async () => {
        const { ben } = await chain()
        await setPlan()
        await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "inactive" }, admin)
        const { order } = await buyThroughDan()
        const lines = await linesOf(order.id)
        expect(summary(lines).map((l) => [l[1], l[2], l[3]])).toEqual([[1, "dan", 9.98], [2, "cleo", 4.99], [3, "anna", 2.99]])
        expect(lines[2].explanation.skipped).toEqual([{ handle: "ben", reason: "inactive" }])
      })
    })

    describe("cancellations and returns", () => {
      it("reverses every pending line when the order is cancelled", async () => {
        await chain()
        await setPlan()
        const { order } = await buyThroughDan()
        const canceled = waitFor("order.canceled")
        const reversed = waitFor("mlm.commission.reversed")
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        await canceled
        expect(JSON.stringify(await reversed)).toContain(order.id)
        expect(summary(await linesOf(order.id))).toEqual([
          ["commission", 1, "dan", 9.98, "reversed"],
          ["commission", 2, "cleo", 4.99, "reversed"],
          ["commission", 3, "ben", 2.99, "reversed"],
          ["commission", 4, "anna", 2, "reversed"],
        ])
      })

      it("claws back the returned half of a partial return, per level", async () => {
        await chain()
        await setPlan()
        const { order } = await buyThroughDan()
        const { data } = await api.get(`/admin/orders/${order.id}?fields=items.id`, admin)
        await fulfillOrder(api, admin, store, order.id)
        // The admin's return flow: one of the two shakes comes back.
        await receiveReturn(api, getContainer(), admin, store, order.id, [{ id: data.order.items[0].id, quantity: 1 }])
        // half of 99.80 returned: each line keeps half, rounded half-up (2.495 -> 2.50, 1.495 -> 1.50)
        expect(summary(await linesOf(order.id))).toEqual([
          ["clawback", 1, "dan", -4.99, "pending"],
          ["clawback", 2, "cleo", -2.49, "pending"],
          ["clawback", 3, "ben", -1.49, "pending"],
          ["clawback", 4, "anna", -1, "pending"],
          ["commission", 1, "dan", 9.98, "pending"],
          ["commission", 2, "cleo", 4.99, "pending"],
          ["commission", 3, "ben", 2.99, "pending"],
          ["commission", 4, "anna", 2, "pending"],
        ])
      })
    })

    describe("refunds", () => {
      it("claws back the refunded share, and not again when the same items are then returned", async () => {
        await chain()
        await setPlan()
        const { order } = await buyThroughDan()
        const { data } = await api.get(`/admin/orders/${order.id}?fields=items.id,payment_collections.payments.id`, admin)
        const paymentId = data.order.payment_collections[0].payments[0].id
        await api.post(`/admin/payments/${paymentId}/capture`, {}, admin)
        const refunded = waitFor("payment.refunded")
        await api.post(`/admin/payments/${paymentId}/refund`, { amount: 49.9 }, admin)
        await refunded
        const afterRefund = summary(await linesOf(order.id)).filter((l) => l[0] === "clawback")
        expect(afterRefund).toEqual([
          ["clawback", 1, "dan", -4.99, "pending"],
          ["clawback", 2, "cleo", -2.49, "pending"],
          ["clawback", 3, "ben", -1.49, "pending"],
          ["clawback", 4, "anna", -1, "pending"],
        ])

        // The refunded shake comes back: the commission on it was already taken back.
        await fulfillOrder(api, admin, store, order.id)
        await receiveReturn(api, getContainer(), admin, store, order.id, [{ id: data.order.items[0].id, quantity: 1 }])
        expect(summary(await linesOf(order.id)).filter((l) => l[0] === "clawback")).toEqual(afterRefund)
      })
    })

    describe("approval and payouts", () => {
      it("approves lines only after the hold days", async () => {
        await chain()
        await setPlan()
        const { order } = await buyThroughDan()
        const now = await api.post("/admin/mlm/commissions/approve", {}, admin)
        const holdUntil = (await linesOf(order.id))[0].hold_until
        // Nothing matured; the answer says the 4 lines stay held and when they mature (30 days).
        expect(now.data).toEqual({
          approved_ids: [],
          count: 0,
          held: { count: 4, awaiting_fulfilment: 0, next_hold_until: holdUntil, last_hold_until: holdUntil },
        })
        const in29Days = await api.post("/admin/mlm/commissions/approve", { before: new Date(Date.now() + 29 * DAY).toISOString() }, admin)
        expect(in29Days.data.count).toBe(0)
        const in31Days = await api.post("/admin/mlm/commissions/approve", { before: new Date(Date.now() + 31 * DAY).toISOString() }, admin)
        expect(in31Days.data.count).toBe(4)
        expect(summary(await linesOf(order.id)).map((l) => l[4])).toEqual(["approved", "approved", "approved", "approved"])
        expect((await failure(api.post("/admin/mlm/commissions/approve", { before: "next tuesday" }, admin))).status).toBe(400)
      })

      it("pays approved lines, claws back after a payout and carries the negative balance", async () => {
        const { dan } = await chain()
        await setPlan({ ...PLAN, hold_days: 0 })
        const first = await buyThroughDan()
        await api.post("/admin/mlm/commissions/approve", {}, admin)
        // One event per payout (four distributors are paid).
        const payoutEvent = waitFor("mlm.payout.created", 4)
        const paid = await api.post("/admin/mlm/payouts", { currency_code: "EUR" }, admin)
        const announced = JSON.stringify(await payoutEvent)
        paid.data.payouts.forEach((p: any) => expect(announced).toContain(p.id))
        expect(paid.data.payouts.map((p: any) => [p.distributor_id === dan.distributor.id, p.amount, p.line_count, p.currency_code]))
          .toContainEqual([true, 9.98, 1, "eur"])
        expect(paid.data.payouts.map((p: any) => p.amount).sort()).toEqual([2, 2.99, 4.99, 9.98])
        const listed = (await api.get("/admin/mlm/payouts", admin)).data
        expect(listed.count).toBe(4)
        expect(listed.payouts.map((p: any) => p.amount).sort()).toEqual([2, 2.99, 4.99, 9.98])
        expect(summary(await linesOf(first.order.id)).map((l) => l[4])).toEqual(["paid", "paid", "paid", "paid"])

        const canceled = waitFor("order.canceled")
        await api.post(`/admin/orders/${first.order.id}/cancel`, {}, admin)
        await canceled
        const afterCancel = await linesOf(first.order.id)
        expect(summary(afterCancel)).toEqual([
          ["clawback", 1, "dan", -9.98, "approved"],
          ["clawback", 2, "cleo", -4.99, "approved"],
          ["clawback", 3, "ben", -2.99, "approved"],
          ["clawback", 4, "anna", -2, "approved"],
          ["commission", 1, "dan", 9.98, "paid"],
          ["commission", 2, "cleo", 4.99, "paid"],
          ["commission", 3, "ben", 2.99, "paid"],
          ["commission", 4, "anna", 2, "paid"],
        ])

        const nothing = await api.post("/admin/mlm/payouts", { currency_code: "eur", distributor_ids: [dan.distributor.id] }, admin)
        expect(nothing.data).toEqual({
          run_id: expect.stringMatching(/^mlmrun_/),
          payouts: [],
          carried: [{ distributor_id: dan.distributor.id, balance: -9.98, reason: "not_positive", note: "the approved balance is not positive (clawbacks)" }],
        })

        // 3 x 49.90 = 149.70: dan earns 14.97, minus the 9.98 carried = 4.99 paid
        await buyThroughDan([{ variant_id: shake, quantity: 3 }])
        await api.post("/admin/mlm/commissions/approve", {}, admin)
        const net = await api.post("/admin/mlm/payouts", { currency_code: "eur", distributor_ids: [dan.distributor.id] }, admin)
        expect(net.data.payouts).toEqual([
          expect.objectContaining({ distributor_id: dan.distributor.id, amount: 4.99, line_count: 2, currency_code: "eur" }),
        ])

        const mine = (await api.get("/store/mlm/me/commissions", dan.headers)).data
        expect(mine.count).toBe(3)
        expect(mine.commissions.every((l: any) => l.distributor_id === dan.distributor.id)).toBe(true)
        expect(mine.totals).toEqual({ pending: {}, approved: {}, paid: { eur: 14.97 } })
        const paidOnly = (await api.get("/store/mlm/me/commissions?status=paid", dan.headers)).data
        expect(paidOnly.count).toBe(3)
      })

      it("rejects bad payout and listing input with 400", async () => {
        expect((await failure(api.post("/admin/mlm/payouts", {}, admin))).data.message).toContain("currency_code")
        expect((await failure(api.post("/admin/mlm/payouts", { currency_code: "euro" }, admin))).status).toBe(400)
        expect((await failure(api.get("/admin/mlm/commissions?status=lost", admin))).status).toBe(400)
      })
    })

    describe("attribution corrections", () => {
      it("recomputes an order's unpaid commissions for the corrected distributor", async () => {
        await chain()
        await setPlan()
        const { order } = await buyThroughDan()
        await api.post(`/admin/mlm/orders/${order.id}/attribution`, { handle: "ben", reason: "wrong link" }, admin)
        expect(summary(await linesOf(order.id))).toEqual([
          ["commission", 1, "ben", 9.98, "pending"],
          ["commission", 1, "dan", 9.98, "reversed"],
          ["commission", 2, "anna", 4.99, "pending"],
          ["commission", 2, "cleo", 4.99, "reversed"],
          ["commission", 3, "ben", 2.99, "reversed"],
          ["commission", 4, "anna", 2, "reversed"],
        ])
        const detail = (await api.get(`/admin/mlm/orders/${order.id}/commissions`, admin)).data
        expect(detail.run).toMatchObject({ attribution_source: "admin", paid_amount: 14.97, breakage: 4.99 })
      })

      it("refuses a correction once the order's commissions were paid", async () => {
        await chain()
        await setPlan({ ...PLAN, hold_days: 0 })
        const { order } = await buyThroughDan()
        await api.post("/admin/mlm/commissions/approve", {}, admin)
        await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)
        const refused = await failure(api.post(`/admin/mlm/orders/${order.id}/attribution`, { handle: "ben" }, admin))
        expect(refused).toEqual({
          status: 400,
          data: {
            type: "not_allowed",
            message: `Commissions of order ${order.id} were already paid: its attribution can no longer change`,
          },
        })
        expect((await api.get(`/admin/mlm/orders/${order.id}/attribution`, admin)).data.attribution).toMatchObject({
          source: "link",
          distributor: { handle: "dan" },
        })
      })
    })

    describe("a distributor's own commissions", () => {
      it("shows only their own lines and totals, and 401/404 to others", async () => {
        const { dan, cleo } = await chain()
        await setPlan()
        await buyThroughDan()
        const danView = (await api.get("/store/mlm/me/commissions", dan.headers)).data
        expect(danView.commissions.map((l: any) => [l.distributor_handle, l.amount])).toEqual([["dan", 9.98]])
        expect(danView.totals).toEqual({ pending: { eur: 9.98 }, approved: {}, paid: {} })
        const cleoView = (await api.get("/store/mlm/me/commissions", cleo.headers)).data
        expect(cleoView.commissions.map((l: any) => [l.distributor_handle, l.amount])).toEqual([["cleo", 4.99]])
        expect((await failure(api.get("/store/mlm/me/commissions", storeHeaders(store)))).status).toBe(401)
        const stranger = await registerCustomer(api, storeHeaders(store))
        expect((await failure(api.get("/store/mlm/me/commissions", stranger.headers))).status).toBe(404)
        expect((await failure(api.get(`/store/mlm/me/commissions?distributor_id=${cleo.distributor.id}`, dan.headers))).status).toBe(400)
      })
    })
  },
})
