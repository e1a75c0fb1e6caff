import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders } from "../../helpers/auth"
import { failure } from "../../helpers/store"
import { enrollThroughStore } from "../../helpers/network"
import { checkout, createCart, medusaItemMoney, storeHeaders } from "../../helpers/checkout"
import { fulfillOrder, receiveReturnItems } from "../../helpers/returns"
import { COMMISSION_MODULE } from "../../../src/modules/commission"
import { NETWORK_MODULE } from "../../../src/modules/network"
import { loadOrderNow } from "../../../src/workflows/commission/load-order-now"

jest.setTimeout(300_000)

/** 10 / 5 / 3 %, paid at once (no hold), so approval and payout can follow in a test. */
const PLAN = {
  levels: [
    { level: 1, percent: 10 },
    { level: 2, percent: 5 },
    { level: 3, percent: 3 },
  ],
  hold_days: 0,
}

/**
 * The ledger converges to each order's truth (issue 8): every scenario of the issue through the
 * real Medusa flows (admin order edits, exchanges, claims, refunds, cancels) and the plugin's routes.
 */
// These tests count hold days from the order's placement (plugin option mature_from: "placed");
// payouts.spec.ts tests the default, maturity from fulfilment. The runner reads medusa-config.ts
// before applying its `env` option, so set it while loading.
process.env.MLM_MATURE_FROM = "placed"
afterAll(() => delete process.env.MLM_MATURE_FROM)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let kit: string // 99.00 EUR
    let shake: string // 49.90 EUR

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
      kit = store.products.find((p) => p.handle === "starter-kit")!.variants[0].id
      shake = store.products.find((p) => p.handle === "vitality-shake")!.variants[0].id
    })

    /** anna -> ben -> cleo, and dora at the top of her own tree */
    async function network() {
      const h = storeHeaders(store)
      const anna = await enrollThroughStore(api, h, "anna")
      const ben = await enrollThroughStore(api, h, "ben", "anna")
      const cleo = await enrollThroughStore(api, h, "cleo", "ben")
      const dora = await enrollThroughStore(api, h, "dora")
      await api.post("/admin/mlm/plan", PLAN, admin)
      return { anna, ben, cleo, dora }
    }

    const waitFor = (event: string, triggerCount = 1) =>
      TestEventUtils.waitSubscribersExecution(event, getContainer().resolve(Modules.EVENT_BUS), { triggerCount })
    const linesOf = async (orderId: string) =>
      (await api.get(`/admin/mlm/commissions?order_id=${orderId}&limit=200`, admin)).data.commissions as any[]
    /** What each beneficiary holds now on the order: the sum of its lines that are not reversed. */
    const live = async (orderId: string) => {
      const held: Record<string, number> = {}
      for (const line of await linesOf(orderId)) {
        if (line.status === "reversed") continue
        const key = `${line.level}:${line.distributor_handle}`
        held[key] = Math.round(((held[key] ?? 0) + line.amount) * 100) / 100
      }
      for (const key of Object.keys(held)) if (held[key] === 0) delete held[key]
      return held
    }
    const buyKit = (quantity = 1, handle = "cleo") =>
      checkout(api, getContainer(), store, { items: [{ variant_id: kit, quantity }], referral: handle })
    const cancel = async (orderId: string) => {
      const canceled = waitFor("order.canceled")
      await api.post(`/admin/orders/${orderId}/cancel`, {}, admin)
      await canceled
    }
    const capture = async (orderId: string) => {
      const { data } = await api.get(`/admin/orders/${orderId}?fields=payment_collections.payments.id`, admin)
      const paymentId = data.order.payment_collections[0].payments[0].id
      await api.post(`/admin/payments/${paymentId}/capture`, {}, admin)
      return paymentId as string
    }
    const refund = async (paymentId: string, amount: number, refund_reason_id?: string) => {
      const refunded = waitFor("payment.refunded")
      await api.post(`/admin/payments/${paymentId}/refund`, { amount, ...(refund_reason_id ? { refund_reason_id } : {}) }, admin)
      await refunded
    }
    /**
     * The settlement reads the order without Medusa's order totals and computes the items' totals
     * itself, with Medusa's own function: every item must come out as Medusa's totals report it.
     */
    const expectItemsAsMedusaReports = async (orderId: string) => {
      const now = (await loadOrderNow(getContainer(), orderId, { fulfilments: true }))!
      const reference = await medusaItemMoney(getContainer(), orderId)
      expect(now.items.length).toBeGreaterThan(0)
      for (const item of now.items) expect({ id: item.id, paid: item.paid, total: item.total }).toEqual({ id: item.id, ...reference[item.id] })
      return now
    }
    const correct = (orderId: string, handle: string) => api.post(`/admin/mlm/orders/${orderId}/attribution`, { handle }, admin)

    it("keeps a cancelled order at zero when an admin then corrects its attribution", async () => {
      await network()
      const { order } = await buyKit()
      expect(await live(order.id)).toEqual({ "1:cleo": 9.9, "2:ben": 4.95, "3:anna": 2.97 })
      await cancel(order.id)
      expect(await live(order.id)).toEqual({})
      await correct(order.id, "dora")
      expect(await live(order.id)).toEqual({})
      const detail = (await api.get(`/admin/mlm/orders/${order.id}/commissions`, admin)).data.run
      expect(detail).toMatchObject({ attribution_source: "admin", basis: 0, original_basis: 99, paid_amount: 0, beneficiaries: ["dora"] })
    })

    it("keeps the refund when an admin corrects a half-refunded order: 8.92 live, not 17.82", async () => {
      await network()
      const { order } = await buyKit()
      const paymentId = await capture(order.id)
      await refund(paymentId, 49.5)
      // half of 99.00: 4.95 | 5% of 49.50 = 2.475 -> 2.48 | 3% = 1.485 -> 1.49
      expect(await live(order.id)).toEqual({ "1:cleo": 4.95, "2:ben": 2.48, "3:anna": 1.49 })
      await correct(order.id, "ben")
      expect(await live(order.id)).toEqual({ "1:ben": 4.95, "2:anna": 2.48 })
      const lines = await linesOf(order.id)
      expect(lines.filter((l) => l.kind === "clawback").map((l) => [l.distributor_handle, l.amount, l.explanation.settlement.trigger])).toEqual(
        expect.arrayContaining([["cleo", -4.95, "payment.refunded"], ["ben", -2.47, "payment.refunded"], ["anna", -1.48, "payment.refunded"]])
      )
    })

    it("does not take commission back for a refund given for shipping", async () => {
      await network()
      const { order } = await buyKit()
      const paymentId = await capture(order.id)
      const reasons = (await api.get("/admin/refund-reasons?limit=50", admin)).data.refund_reasons
      const shippingIssue = reasons.find((r: any) => r.code === "shipping_issue")
      expect(shippingIssue).toBeTruthy()
      await refund(paymentId, 4.9, shippingIssue.id)
      expect(await live(order.id)).toEqual({ "1:cleo": 9.9, "2:ben": 4.95, "3:anna": 2.97 })
      // a goodwill refund of the same amount is taken off the items: 99.00 - 4.90 = 94.10
      await refund(paymentId, 4.9)
      expect(await live(order.id)).toEqual({ "1:cleo": 9.41, "2:ben": 4.71, "3:anna": 2.82 })
      // the shipping refund needs the order's shipping total, which Medusa computes (4.90 of shipping)
      const now = await expectItemsAsMedusaReports(order.id)
      expect(now.money).toMatchObject({ item_basis: "99", refunded_total: "9.8", shipping_refunds: "4.9", shipping_total: "4.9" })
    })

    it("adds adjustment lines when an admin's order edit adds a second item", async () => {
      await network()
      const { order } = await buyKit()
      const { data: edit } = await api.post("/admin/order-edits", { order_id: order.id }, admin)
      await api.post(`/admin/order-edits/${order.id}/items`, { items: [{ variant_id: kit, quantity: 1 }] }, admin)
      await api.post(`/admin/order-edits/${order.id}/request`, {}, admin)
      const confirmed = waitFor("order-edit.confirmed")
      await api.post(`/admin/order-edits/${order.id}/confirm`, {}, admin)
      await confirmed
      expect(edit.order_change.order_id).toBe(order.id)
      expect(await live(order.id)).toEqual({ "1:cleo": 19.8, "2:ben": 9.9, "3:anna": 5.94 })
      const adjustments = (await linesOf(order.id)).filter((l) => l.kind === "adjustment")
      expect(adjustments.map((l) => [l.distributor_handle, l.amount, l.status])).toEqual(
        expect.arrayContaining([["cleo", 9.9, "pending"], ["ben", 4.95, "pending"], ["anna", 2.97, "pending"]])
      )
      expect(adjustments[0].explanation.settlement).toMatchObject({ trigger: "order-edit.confirmed", basis: 198, original_basis: 99 })
      await expectItemsAsMedusaReports(order.id)
    })

    it("settles an exchange: the new item earns when the exchange is confirmed, the returned one is taken back when received", async () => {
      await network()
      const { order } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 2 }], referral: "cleo" })
      expect(await live(order.id)).toEqual({ "1:cleo": 9.98, "2:ben": 4.99, "3:anna": 2.99 })
      await fulfillOrder(api, admin, store, order.id)
      const { data: o } = await api.get(`/admin/orders/${order.id}?fields=items.id`, admin)
      const { data } = await api.post("/admin/exchanges", { order_id: order.id }, admin)
      const exchangeId = data.exchange.id
      await api.post(`/admin/exchanges/${exchangeId}/inbound/items`, { items: [{ id: o.order.items[0].id, quantity: 1 }] }, admin)
      await api.post(`/admin/exchanges/${exchangeId}/outbound/items`, { items: [{ variant_id: kit, quantity: 1 }] }, admin)
      await api.post(`/admin/exchanges/${exchangeId}/outbound/shipping-method`, { shipping_option_id: store.shippingOption.id }, admin)
      const created = waitFor("order.exchange_created")
      await api.post(`/admin/exchanges/${exchangeId}/request`, {}, admin)
      await created
      // 2 x 49.90 + 99.00 = 198.80 until the shake comes back
      expect(await live(order.id)).toEqual({ "1:cleo": 19.88, "2:ben": 9.94, "3:anna": 5.96 })
      const returnId = (await api.get(`/admin/exchanges/${exchangeId}?fields=return_id`, admin)).data.exchange.return_id
      await receiveReturnItems(api, getContainer(), admin, returnId, [{ id: o.order.items[0].id, quantity: 1 }])
      // 49.90 + 99.00 = 148.90: 14.89 | 7.445 -> 7.45 | 4.467 -> 4.47
      expect(await live(order.id)).toEqual({ "1:cleo": 14.89, "2:ben": 7.45, "3:anna": 4.47 })
      await expectItemsAsMedusaReports(order.id)
    })

    it("settles a claim that replaces a damaged item without paying commission on the replacement", async () => {
      await network()
      const { order } = await buyKit()
      await fulfillOrder(api, admin, store, order.id)
      const { data: o } = await api.get(`/admin/orders/${order.id}?fields=items.id`, admin)
      const { data } = await api.post("/admin/claims", { order_id: order.id, type: "replace" }, admin)
      const claimId = data.claim.id
      await api.post(`/admin/claims/${claimId}/inbound/items`, { items: [{ id: o.order.items[0].id, quantity: 1, reason: "production_failure" }] }, admin)
      await api.post(`/admin/claims/${claimId}/outbound/items`, { items: [{ variant_id: kit, quantity: 1 }] }, admin)
      const created = waitFor("order.claim_created")
      await api.post(`/admin/claims/${claimId}/request`, {}, admin)
      await created
      expect(await live(order.id)).toEqual({ "1:cleo": 9.9, "2:ben": 4.95, "3:anna": 2.97 })
      // the damaged kit comes back: the buyer still paid for one kit, and keeps the replacement
      const returnId = (await api.get(`/admin/claims/${claimId}?fields=return_id`, admin)).data.claim.return_id
      await receiveReturnItems(api, getContainer(), admin, returnId, [{ id: o.order.items[0].id, quantity: 1 }])
      expect(await live(order.id)).toEqual({ "1:cleo": 9.9, "2:ben": 4.95, "3:anna": 2.97 })
      await expectItemsAsMedusaReports(order.id)
    })

    it("pays on what the buyer paid after a discount code, as Medusa's totals count it", async () => {
      await network()
      const promotion = (code: string, type: "fixed" | "percentage", value: number) =>
        api.post(
          "/admin/promotions",
          {
            code,
            type: "standard",
            status: "active",
            is_automatic: false,
            application_method: { type, target_type: "items", allocation: "across", value, currency_code: "eur" },
          },
          admin
        )
      await promotion("KIT9", "fixed", 9)
      await promotion("TENPERCENT", "percentage", 10)
      // 99.00 - 9.00 = 90.00: 9.00 | 4.50 | 2.70
      const { order: kitOrder } = await checkout(api, getContainer(), store, { items: [{ variant_id: kit, quantity: 1 }], referral: "cleo", promo_codes: ["KIT9"] })
      expect(await live(kitOrder.id)).toEqual({ "1:cleo": 9, "2:ben": 4.5, "3:anna": 2.7 })
      expect((await expectItemsAsMedusaReports(kitOrder.id)).money.item_basis).toBe("90")
      // 2 x 49.90 = 99.80, 10 % off = 89.82: 8.982 -> 8.98 | 4.491 -> 4.49 | 2.6946 -> 2.69
      const { order: shakeOrder } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 2 }], referral: "cleo", promo_codes: ["TENPERCENT"] })
      expect(await live(shakeOrder.id)).toEqual({ "1:cleo": 8.98, "2:ben": 4.49, "3:anna": 2.69 })
      expect((await expectItemsAsMedusaReports(shakeOrder.id)).money.item_basis).toBe("89.82")
    })

    it("recovers a refund whose payment.refunded event was lost, with POST /admin/mlm/reconcile", async () => {
      await network()
      const { order } = await buyKit()
      const paymentId = await capture(order.id)
      expect((await api.post("/admin/mlm/reconcile", {}, admin)).data.failed).toEqual([])
      // The refund happens while no worker handles payment.refunded (a lost event).
      const emitter = (getContainer().resolve(Modules.EVENT_BUS) as any).eventEmitter_
      const listeners = emitter.listeners("payment.refunded")
      emitter.removeAllListeners("payment.refunded")
      try {
        await api.post(`/admin/payments/${paymentId}/refund`, { amount: 49.5 }, admin)
      } finally {
        for (const listener of listeners) emitter.on("payment.refunded", listener)
      }
      expect(await live(order.id)).toEqual({ "1:cleo": 9.9, "2:ben": 4.95, "3:anna": 2.97 })
      const repaired = (await api.post("/admin/mlm/reconcile", {}, admin)).data
      expect(repaired).toMatchObject({ changed: 1, failed: [] })
      expect(await live(order.id)).toEqual({ "1:cleo": 4.95, "2:ben": 2.48, "3:anna": 1.49 })
      const trigger = (await linesOf(order.id)).filter((l) => l.kind === "clawback").map((l) => l.explanation.settlement.trigger)
      expect(trigger).toEqual(["reconciliation", "reconciliation", "reconciliation"])
      expect((await api.post("/admin/mlm/reconcile", {}, admin)).data).toEqual({ checked: 0, changed: 0, failed: [] })
    })

    it("settles a cancel that arrived before the order was attributed: nothing is ever live", async () => {
      await network()
      const { order } = await buyKit()
      const container = getContainer()
      // As if order.placed had not been handled yet: no attribution, no snapshot, no lines.
      const commission = container.resolve(COMMISSION_MODULE) as any
      const mlm = container.resolve(NETWORK_MODULE) as any
      await commission.deleteCommissionLines((await commission.listCommissionLines({ order_id: order.id })).map((l: any) => l.id))
      await commission.deleteCommissionRuns((await commission.listCommissionRuns({ order_id: order.id })).map((r: any) => r.id))
      await mlm.deleteOrderAttributions((await mlm.listOrderAttributions({ order_id: order.id })).map((a: any) => a.id))
      await cancel(order.id)
      const placed = waitFor("order.placed")
      await container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })
      await placed
      expect(await linesOf(order.id)).toEqual([])
      expect((await api.get(`/admin/mlm/orders/${order.id}/commissions`, admin)).data.run).toMatchObject({ basis: 0, original_basis: 99 })
    })

    it("credits level 1 to the distributor the attribution names after 5 concurrent corrections", async () => {
      await network()
      const { order } = await buyKit()
      const handles = ["ben", "dora", "anna", "dora", "ben"]
      await Promise.all(handles.map((h) => correct(order.id, h)))
      const attribution = (await api.get(`/admin/mlm/orders/${order.id}/attribution`, admin)).data.attribution
      const held = await live(order.id)
      const level1 = Object.keys(held).filter((k) => k.startsWith("1:"))
      expect(level1).toEqual([`1:${attribution.distributor.handle}`])
      expect(held[`1:${attribution.distributor.handle}`]).toBe(9.9)
      expect(Object.values(held).every((amount) => amount > 0)).toBe(true)
    })

    it("pays each approved line once when 6 payouts run at once", async () => {
      await network()
      await buyKit()
      await buyKit(2)
      await api.post("/admin/mlm/commissions/approve", {}, admin)
      const runs = await Promise.all(Array.from({ length: 6 }, () => api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)))
      const payouts = runs.flatMap((r) => r.data.payouts)
      // cleo 9.90 + 19.80, ben 4.95 + 9.90, anna 2.97 + 5.94
      expect(payouts.map((p: any) => p.amount).sort((a: number, b: number) => a - b)).toEqual([8.91, 14.85, 29.7])
      const listed = (await api.get("/admin/mlm/payouts", admin)).data
      expect(listed.count).toBe(3)
    })

    it("never leaves a cancelled order with live commission when cancels race approval", async () => {
      await network()
      const orders = []
      for (let i = 0; i < 6; i++) orders.push((await buyKit()).order)
      const canceled = waitFor("order.canceled", orders.length)
      await Promise.all([
        ...orders.map((o) => api.post(`/admin/orders/${o.id}/cancel`, {}, admin)),
        api.post("/admin/mlm/commissions/approve", {}, admin),
        api.post("/admin/mlm/commissions/approve", {}, admin),
      ])
      await canceled
      for (const o of orders) expect(await live(o.id)).toEqual({})
      // whatever was approved first was clawed back: paying out now pays nothing
      const paid = await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)
      expect(paid.data.payouts).toEqual([])
    })

    it("terminates a deleted customer's distributor: the storefront answers 404, the ledger keeps its rows", async () => {
      const { cleo } = await network()
      const { order } = await buyKit()
      const deleted = waitFor("customer.deleted")
      await api.delete(`/admin/customers/${cleo.customer.id}`, admin)
      await deleted
      const gone = await failure(api.get("/store/mlm/storefronts/cleo", storeHeaders(store)))
      expect(gone).toEqual({ status: 404, data: { type: "not_found", message: "No storefront has the handle 'cleo'" } })
      expect(await live(order.id)).toEqual({ "1:cleo": 9.9, "2:ben": 4.95, "3:anna": 2.97 })
      const detail = (await api.get(`/admin/mlm/distributors/${cleo.distributor.id}`, admin)).data.distributor
      expect(detail.status).toBe("terminated")
    })

    it("shows a distributor their lines by order number and date, never the order id or the buyer", async () => {
      const { ben } = await network()
      const { order } = await buyKit()
      const mine = (await api.get("/store/mlm/me/commissions", ben.headers)).data
      expect(mine.commissions).toHaveLength(1)
      const line = mine.commissions[0]
      expect(line).toMatchObject({ distributor_handle: "ben", amount: 4.95, order_display_id: expect.any(Number) })
      expect(line.order_id).toBeUndefined()
      expect(JSON.stringify(mine)).not.toContain(order.id)
      expect(JSON.stringify(mine)).not.toContain(order.email)
      expect(new Date(line.order_date).getTime()).toBeGreaterThan(0)
    })

    it("rejects control characters, over-long touches lists and unbounded offsets", async () => {
      const { cleo } = await network()
      const nul = await failure(api.post(`/admin/mlm/distributors/${cleo.distributor.id}`, { display_name: "Cleo\u0000" }, admin))
      expect(nul).toEqual({
        status: 400,
        data: { type: "invalid_data", message: "Invalid request: display_name must not contain control or bidirectional-override characters" },
      })
      const bidi = await failure(api.post(`/admin/mlm/distributors/${cleo.distributor.id}`, { display_name: "evil\u202Egnp.exe" }, admin))
      expect(bidi.status).toBe(400)
      const search = await failure(api.get(`/admin/mlm/distributors?q=${encodeURIComponent("ann\u0007a")}`, admin))
      expect(search.status).toBe(400)
      expect(search.data.message).toContain("q must not contain control or bidirectional-override characters")
      const offset = await failure(api.get("/store/mlm/me/downline?depth=3&offset=10001", cleo.headers))
      expect(offset.status).toBe(400)
      expect(offset.data.message).toContain("offset")

      const cartId = await createCart(api, store, { items: [{ variant_id: kit, quantity: 1 }], referral: "anna" })
      for (let i = 0; i < 30; i++) await api.post(`/store/mlm/carts/${cartId}/referral`, { handle: i % 2 ? "ben" : "cleo" }, storeHeaders(store))
      const referral = (await api.get(`/store/mlm/carts/${cartId}/referral`, storeHeaders(store))).data.referral
      expect(referral.touches).toHaveLength(20)
      expect(referral.touches[0].handle).toBe("anna") // the first touch is kept for first-touch attribution
      expect(referral.handle).toBe("ben")
    })
  },
})
