import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { fulfillOrder } from "../../helpers/returns"
import { parse } from "csv-parse/sync"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { failure } from "../../helpers/store"
import { enrollThroughStore } from "../../helpers/network"
import { checkout, storeHeaders } from "../../helpers/checkout"

jest.setTimeout(240_000)

const DAY = 24 * 60 * 60 * 1000

/**
 * The routes the admin pages and widgets read: the ledger with filters, totals and CSV export,
 * "approve matured" saying what is still held, the payout preview and list, the distributor detail
 * with customer and totals, an admin's enrolment of a customer, and lookups by customer.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let shake: string // 49.90 EUR

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
      shake = store.products.find((p) => p.handle === "vitality-shake")!.variants[0].id
    })

    /** anna -> ben; plan 10 % / 5 %, 30 days' hold; one order of 2 shakes (99.80 EUR) through ben. */
    async function ledgerWithOneOrder() {
      const h = storeHeaders(store)
      const anna = await enrollThroughStore(api, h, "anna")
      const ben = await enrollThroughStore(api, h, "ben", "anna")
      await api.post("/admin/mlm/plan", { levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5 }], hold_days: 30 }, admin)
      const { order } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 2 }], referral: "ben" })
      return { anna, ben, order }
    }
    const ledger = async (query = "") => (await api.get(`/admin/mlm/commissions${query}`, admin)).data

    it("filters the ledger and totals what the filters match, per currency and status", async () => {
      const { ben, order } = await ledgerWithOneOrder()
      const all = await ledger()
      expect(all.count).toBe(2)
      expect(all.totals).toEqual([
        { currency_code: "eur", status: "pending", amount: 14.97, count: 2 },
      ])
      expect(all.commissions.map((l: any) => [l.distributor_handle, l.amount, l.order_id, typeof l.order_display_id])).toEqual([
        ["ben", 9.98, order.id, "number"],
        ["anna", 4.99, order.id, "number"],
      ])
      const bens = await ledger(`?distributor_id=${ben.distributor.id}`)
      expect([bens.count, bens.totals]).toEqual([1, [{ currency_code: "eur", status: "pending", amount: 9.98, count: 1 }]])
      expect((await ledger("?kind=clawback")).count).toBe(0)
      expect((await ledger("?currency_code=USD")).totals).toEqual([])
      const tomorrow = new Date(Date.now() + DAY).toISOString()
      const yesterday = new Date(Date.now() - DAY).toISOString()
      expect((await ledger(`?from=${tomorrow}`)).count).toBe(0)
      expect((await ledger(`?from=${yesterday}&to=${tomorrow}&currency_code=eur&kind=commission&status=pending`)).count).toBe(2)
      expect((await ledger("?limit=1&offset=1")).commissions.map((l: any) => l.distributor_handle)).toEqual(["anna"])
    })

    it("rejects bad ledger filters with 400 and a clear message", async () => {
      const tomorrow = new Date(Date.now() + DAY).toISOString()
      expect((await failure(api.get(`/admin/mlm/commissions?from=${tomorrow}&to=2020-01-01`, admin))).data.message).toContain(
        "from must not be after to"
      )
      expect((await failure(api.get("/admin/mlm/commissions?currency_code=EURO", admin))).data.message).toContain(
        "currency_code must be a 3-letter ISO code"
      )
      expect((await failure(api.get("/admin/mlm/commissions?from=someday", admin))).data.message).toContain("from must be a date")
      expect((await failure(api.get("/admin/mlm/commissions?kind=bonus", admin))).status).toBe(400)
      expect((await failure(api.get("/admin/mlm/commissions/export?limit=5", admin))).status).toBe(400)
      expect((await failure(api.get("/admin/mlm/commissions/export"))).status).toBe(401)
    })

    it("rejects bad payout, preview and distributor queries with 400 and a clear message", async () => {
      const message = async (path: string) => {
        const answer = await failure(api.get(path, admin))
        expect(answer.status).toBe(400)
        return answer.data.message
      }
      expect(await message("/admin/mlm/payouts?currency_code=euro")).toContain("currency_code must be a 3-letter ISO code")
      expect(await message("/admin/mlm/payouts?limit=0")).toContain("limit")
      expect(await message("/admin/mlm/payouts/preview?currency_code=12")).toContain("currency_code must be a 3-letter ISO code")
      expect(await message("/admin/mlm/distributors?top=yes")).toContain("top must be true or false")
      expect(await message("/admin/mlm/distributors?customer_id=")).toContain("customer_id")
      expect((await failure(api.post("/admin/mlm/distributors", { customer_id: "cus_x", handle: "ok", extra: 1 }, admin))).status).toBe(400)
      expect((await failure(api.get("/admin/mlm/payouts/preview?currency_code=eur"))).status).toBe(401)
    })

    it("exports the filtered ledger as CSV with exact amounts", async () => {
      const { ben, order } = await ledgerWithOneOrder()
      const response = await api.get("/admin/mlm/commissions/export", admin)
      expect(response.headers["content-type"]).toContain("text/csv")
      expect(response.headers["content-disposition"]).toMatch(/attachment; filename="mlm-ledger-\d{4}-\d{2}-\d{2}\.csv"/)
      const rows = parse(response.data, { columns: true }) as Record<string, string>[]
      expect(Object.keys(rows[0])).toEqual([
        "line_id", "created_at", "order_id", "order_display_id", "distributor_id", "distributor_handle", "level", "kind",
        "status", "currency_code", "basis", "percent", "amount", "plan_version", "hold_until", "payout_id", "upline",
        "skipped", "rounding",
      ])
      expect(rows.map((r) => [r.distributor_handle, r.level, r.basis, r.percent, r.amount, r.status, r.upline, r.order_id])).toEqual([
        ["ben", "1", "99.8", "10", "9.98", "pending", "ben > anna", order.id],
        ["anna", "2", "99.8", "5", "4.99", "pending", "ben > anna", order.id],
      ])
      const filtered = parse((await api.get(`/admin/mlm/commissions/export?distributor_id=${ben.distributor.id}`, admin)).data, { columns: true })
      expect(filtered.map((r: any) => r.amount)).toEqual(["9.98"])
      const none = (await api.get("/admin/mlm/commissions/export?kind=clawback", admin)).data
      expect(none.trim().split("\n")).toHaveLength(1) // the header only
    })

    it("says what approve matured left on hold and until when; previews and runs a payout", async () => {
      const { anna, ben, order } = await ledgerWithOneOrder()
      // not fulfilled yet: the lines have no maturity (mature_from "fulfilled", the default)
      const waiting = (await api.post("/admin/mlm/commissions/approve", {}, admin)).data
      expect([waiting.count, waiting.held]).toEqual([0, { count: 2, awaiting_fulfilment: 2, next_hold_until: null, last_hold_until: null }])
      const fulfilled = TestEventUtils.waitSubscribersExecution("order.fulfillment_created", getContainer().resolve(Modules.EVENT_BUS))
      await fulfillOrder(api, admin, store, order.id)
      await fulfilled
      const [line] = (await ledger()).commissions
      const first = (await api.post("/admin/mlm/commissions/approve", {}, admin)).data
      expect(first.count).toBe(0)
      expect(first.held).toMatchObject({ count: 2, awaiting_fulfilment: 0 })
      expect(new Date(first.held.next_hold_until).toISOString()).toBe(new Date(line.hold_until).toISOString())
      expect(new Date(first.held.last_hold_until).getTime()).toBeGreaterThanOrEqual(new Date(first.held.next_hold_until).getTime())

      expect((await api.get("/admin/mlm/payouts/preview?currency_code=eur", admin)).data).toEqual({
        preview: { currency_code: "eur", total: 0, payouts: [], carried: [] },
        currencies: [],
      })
      const later = (await api.post("/admin/mlm/commissions/approve", { before: new Date(Date.now() + 31 * DAY).toISOString() }, admin)).data
      expect([later.count, later.held]).toEqual([2, { count: 0, awaiting_fulfilment: 0, next_hold_until: null, last_hold_until: null }])

      const preview = (await api.get("/admin/mlm/payouts/preview?currency_code=EUR", admin)).data
      expect(preview.currencies).toEqual(["eur"])
      expect(preview.preview.total).toBe(14.97)
      expect(
        preview.preview.payouts.map((p: any) => [p.distributor.handle, p.amount, p.line_count]).sort()
      ).toEqual([["anna", 4.99, 1], ["ben", 9.98, 1]])
      // The preview wrote nothing: the lines are still approved.
      expect((await ledger("?status=approved")).count).toBe(2)
      expect((await failure(api.get("/admin/mlm/payouts/preview", admin))).data.message).toContain("currency_code")

      await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)
      const payouts = (await api.get("/admin/mlm/payouts?currency_code=eur", admin)).data
      expect(payouts.count).toBe(2)
      expect(payouts.payouts.map((p: any) => [p.distributor.handle, p.amount, p.line_count]).sort()).toEqual([
        ["anna", 4.99, 1],
        ["ben", 9.98, 1],
      ])
      expect((await api.get(`/admin/mlm/payouts?distributor_id=${ben.distributor.id}`, admin)).data.count).toBe(1)
      expect((await api.get("/admin/mlm/payouts?currency_code=usd", admin)).data.count).toBe(0)
      const paid = await ledger(`?payout_id=${payouts.payouts.find((p: any) => p.distributor.handle === "anna").id}`)
      expect(paid.commissions.map((l: any) => [l.distributor_handle, l.status])).toEqual([["anna", "paid"]])

      const detail = (await api.get(`/admin/mlm/distributors/${anna.distributor.id}`, admin)).data.distributor
      expect(detail.totals).toEqual({ pending: {}, approved: {}, paid: { eur: 4.99 } })
      expect(detail.customer).toEqual({ id: anna.customer.id, email: anna.email, first_name: "anna", last_name: "Distributor" })
    })

    it("lets an admin enrol an existing customer and finds a distributor by customer or e-mail", async () => {
      const h = storeHeaders(store)
      const anna = await enrollThroughStore(api, h, "anna")
      const cara = await registerCustomer(api, h, { first_name: "Cara", last_name: "Lind" })

      const none = (await api.get(`/admin/mlm/distributors?customer_id=${cara.customer.id}`, admin)).data
      expect([none.count, none.distributors]).toEqual([0, []])

      const created = await api.post(
        "/admin/mlm/distributors",
        { customer_id: cara.customer.id, handle: "cara", sponsor_handle: "anna" },
        admin
      )
      expect(created.status).toBe(201)
      expect(created.data.distributor).toMatchObject({
        handle: "cara",
        display_name: "Cara L.",
        sponsor: { id: anna.distributor.id, handle: "anna" },
        customer: { id: cara.customer.id, email: cara.email },
      })
      const found = (await api.get(`/admin/mlm/distributors?customer_id=${cara.customer.id}`, admin)).data
      expect(found.distributors.map((d: any) => [d.handle, d.sponsor.handle])).toEqual([["cara", "anna"]])
      const byEmail = (await api.get(`/admin/mlm/distributors?q=${encodeURIComponent(cara.email.toUpperCase())}`, admin)).data
      expect(byEmail.distributors.map((d: any) => d.handle)).toEqual(["cara"])

      const again = await failure(api.post("/admin/mlm/distributors", { customer_id: cara.customer.id, handle: "cara2" }, admin))
      expect([again.status, again.data.message]).toEqual([409, "This customer is already enrolled as a distributor"])
      const unknown = await failure(api.post("/admin/mlm/distributors", { customer_id: "cus_nobody", handle: "nobody" }, admin))
      expect([unknown.status, unknown.data.message]).toEqual([404, "Customer cus_nobody was not found"])
      const badHandle = await failure(api.post("/admin/mlm/distributors", { customer_id: cara.customer.id, handle: "a b" }, admin))
      expect(badHandle.status).toBe(400)
      expect((await failure(api.post("/admin/mlm/distributors", { handle: "x" }, admin))).data.message).toContain("customer_id")

      // Moving cara under nobody moves one distributor: her, with an empty downline.
      const moved = (await api.post(`/admin/mlm/distributors/${found.distributors[0].id}/sponsor`, { sponsor_id: null }, admin)).data
      expect([moved.moved, moved.distributor.sponsor]).toEqual([1, null])
      const annaMoved = await api.post(`/admin/mlm/distributors/${anna.distributor.id}/sponsor`, { sponsor_id: found.distributors[0].id }, admin)
      expect(annaMoved.data.moved).toBe(1)
    })
  },
})
