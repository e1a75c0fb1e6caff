import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createServer, Server } from "node:http"
import Stripe from "stripe"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders } from "../../helpers/auth"
import { failure } from "../../helpers/store"
import { enrollLine } from "../../helpers/network"
import { checkout, storeHeaders } from "../../helpers/checkout"
import { fulfillOrder } from "../../helpers/returns"
import { FOUR_LEVELS } from "../../helpers/plans"

jest.setTimeout(300_000)

/**
 * Stripe Connect against a local HTTP server that speaks Stripe's transfers endpoint (this machine
 * has no network): it records every call and answers like Stripe, replaying the first answer for a
 * repeated idempotency key. A transfer to `acct_refuses` is refused (400), as Stripe refuses one
 * when the platform balance is short.
 */
const STRIPE_PORT = 12111
type StripeCall = { path: string; idempotency_key: string | undefined; body: Record<string, string> }
const stripeCalls: StripeCall[] = []
const replay = new Map<string, { status: number; body: unknown }>()
let stripeServer: Server

const ENV = {
  MLM_STRIPE_API_KEY: "sk_test_local",
  MLM_STRIPE_HOST: "localhost",
  MLM_STRIPE_PORT: String(STRIPE_PORT),
  MLM_STRIPE_WEBHOOK_SECRET: "whsec_local",
}
// The runner reads medusa-config.ts before applying its `env` option, so set them while loading.
Object.assign(process.env, ENV)

beforeAll(async () => {
  stripeServer = createServer((req, res) => {
    let raw = ""
    req.on("data", (chunk) => (raw += chunk))
    req.on("end", () => {
      const body = Object.fromEntries(new URLSearchParams(raw))
      const key = req.headers["idempotency-key"] as string | undefined
      stripeCalls.push({ path: `${req.method} ${req.url}`, idempotency_key: key, body })
      const answer =
        (key && replay.get(key)) ??
        (body.destination === "acct_refuses"
          ? { status: 400, body: { error: { type: "invalid_request_error", code: "balance_insufficient", message: "Insufficient funds in the platform balance" } } }
          : {
              status: 200,
              body: { id: `tr_${stripeCalls.length}`, object: "transfer", amount: Number(body.amount), currency: body.currency, destination: body.destination, transfer_group: body.transfer_group, reversed: false },
            })
      if (key) replay.set(key, answer)
      res.writeHead(answer.status, { "content-type": "application/json", "request-id": `req_${stripeCalls.length}` })
      res.end(JSON.stringify(answer.body))
    })
  })
  await new Promise<void>((resolve) => stripeServer.listen(STRIPE_PORT, "localhost", resolve))
})
afterAll(async () => {
  Object.keys(ENV).forEach((key) => delete process.env[key])
  await new Promise((resolve) => stripeServer.close(resolve))
})

/** 10 / 5 / 3 / 2 %, a 14-day hold counted from fulfilment (the default mature_from). */
const PLAN = {
  levels: FOUR_LEVELS,
  hold_days: 14,
}
const DAY = 24 * 60 * 60 * 1000

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let shake: string // 49.90 EUR

    beforeEach(async () => {
      stripeCalls.length = 0
      replay.clear()
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
      shake = store.products.find((p) => p.handle === "vitality-shake")!.variants[0].id
    })

    /** anna -> ben -> cleo -> dan */
    const chain = () => enrollLine(api, storeHeaders(store), ["anna", "ben", "cleo", "dan"])
    const waitFor = (event: string, triggerCount = 1) =>
      TestEventUtils.waitSubscribersExecution(event, getContainer().resolve(Modules.EVENT_BUS), { triggerCount })
    const linesOf = async (orderId: string) =>
      (await api.get(`/admin/mlm/commissions?order_id=${orderId}`, admin)).data.commissions.sort((a: any, b: any) => a.level - b.level)
    /** 2 x 49.90 through dan: 9.98 dan, 4.99 cleo, 2.99 ben, 2.00 anna */
    const buyThroughDan = () => checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 2 }], referral: "dan" })
    const fulfil = async (orderId: string) => {
      const settled = waitFor("order.fulfillment_created")
      await fulfillOrder(api, admin, store, orderId)
      await settled
    }
    const approveAll = () => api.post("/admin/mlm/commissions/approve", { before: new Date(Date.now() + 15 * DAY).toISOString() }, admin)
    /** An order through dan, fulfilled and approved: every line approved. */
    const approvedOrder = async () => {
      const { order } = await buyThroughDan()
      await fulfil(order.id)
      await approveAll()
      return order
    }
    const byHandle = (payouts: any[], people: Record<string, { distributor: { id: string } }>) =>
      Object.fromEntries(
        Object.entries(people).map(([handle, p]) => [handle, payouts.find((x: any) => x.distributor_id === p.distributor.id) ?? null])
      )

    describe("maturity", () => {
      it("starts the hold at fulfilment: nothing matures before, lines mature hold_days after it", async () => {
        await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        const { order } = await buyThroughDan()
        expect((await linesOf(order.id)).map((l: any) => [l.amount, l.status, l.hold_until])).toEqual([
          [9.98, "pending", null],
          [4.99, "pending", null],
          [2.99, "pending", null],
          [2, "pending", null],
        ])
        // a year later, still not fulfilled: nothing matures
        const early = await api.post("/admin/mlm/commissions/approve", { before: new Date(Date.now() + 365 * DAY).toISOString() }, admin)
        expect(early.data.count).toBe(0)

        const before = Date.now()
        await fulfil(order.id)
        const lines = await linesOf(order.id)
        for (const line of lines) {
          const at = new Date(line.hold_until).getTime()
          expect(at).toBeGreaterThanOrEqual(before + 14 * DAY - 1000)
          expect(at).toBeLessThanOrEqual(Date.now() + 14 * DAY)
        }
        const day13 = await api.post("/admin/mlm/commissions/approve", { before: new Date(before + 13 * DAY).toISOString() }, admin)
        expect(day13.data.count).toBe(0)
        const day15 = await approveAll()
        expect(day15.data.count).toBe(4)
      })

      it("never matures a cancelled order's lines", async () => {
        await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        const { order } = await buyThroughDan()
        const canceled = waitFor("order.canceled")
        await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
        await canceled
        expect((await linesOf(order.id)).map((l: any) => l.status)).toEqual(["reversed", "reversed", "reversed", "reversed"])
        expect((await approveAll()).data.count).toBe(0)
      })
    })

    describe("the manual provider", () => {
      it("exports the payouts as CSV for the bank, then records paid and failed; a failure returns the lines", async () => {
        const people = await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        const order = await approvedOrder()
        const created = waitFor("mlm.payout.created", 4)
        const run = (await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)).data
        await created
        expect(run.carried).toEqual([])
        const p = byHandle(run.payouts, people)
        expect(Object.values(p).map((x: any) => [x.amount, x.status, x.provider, x.idempotency_key === x.id, x.run_id === run.run_id])).toEqual([
          [2, "pending", "manual", true, true],
          [2.99, "pending", "manual", true, true],
          [4.99, "pending", "manual", true, true],
          [9.98, "pending", "manual", true, true],
        ])

        const ids = [p.dan.id, p.anna.id]
        const csv = await api.get(`/admin/mlm/payouts/export?ids=${ids.join(",")}`, admin)
        expect(csv.headers["content-type"]).toContain("text/csv")
        const email = async (who: { customer: { id: string } }) =>
          (await api.get(`/admin/customers/${who.customer.id}`, admin)).data.customer.email
        // display names default to the first name and the last name's initial
        const rows = (csv.data as string).trim().split("\n")
        expect(rows[0]).toBe("payout_id,handle,display_name,email,amount,currency,reference")
        expect(rows.slice(1).sort()).toEqual(
          [
            `${p.anna.id},anna,anna D.,${await email(people.anna)},2,EUR,${p.anna.id}`,
            `${p.dan.id},dan,dan D.,${await email(people.dan)},9.98,EUR,${p.dan.id}`,
          ].sort()
        )

        const paidEvent = waitFor("mlm.payout.paid")
        const paid = (await api.post(`/admin/mlm/payouts/${p.dan.id}/status`, { status: "paid", reference: "BANK-2026-11-001" }, admin)).data.payout
        expect(JSON.stringify(await paidEvent)).toContain(p.dan.id)
        expect(paid).toMatchObject({ status: "paid", reference: "BANK-2026-11-001" })
        expect(paid.paid_at).toBeTruthy()

        const failedEvent = waitFor("mlm.payout.failed")
        const failed = (await api.post(`/admin/mlm/payouts/${p.anna.id}/status`, { status: "failed", message: "IBAN closed" }, admin)).data.payout
        expect(JSON.stringify(await failedEvent)).toContain(p.anna.id)
        expect(failed).toMatchObject({ status: "failed", message: "IBAN closed" })
        expect((await linesOf(order.id)).map((l: any) => [l.distributor_handle, l.status, l.payout_id])).toEqual([
          ["dan", "paid", p.dan.id],
          ["cleo", "paid", p.cleo.id],
          ["ben", "paid", p.ben.id],
          ["anna", "approved", null],
        ])
        // nothing after failed, paid is not pending again
        expect((await failure(api.post(`/admin/mlm/payouts/${p.anna.id}/status`, { status: "paid" }, admin))).status).toBe(409)
        expect((await failure(api.post(`/admin/mlm/payouts/${p.dan.id}/status`, { status: "pending" }, admin))).status).toBe(400)

        // the next run pays anna's returned line again, as a new payout
        const next = (await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)).data
        expect(next.payouts.map((x: any) => [x.distributor_id, x.amount])).toEqual([[people.anna.distributor.id, 2]])
        expect(next.payouts[0].idempotency_key).not.toBe(p.anna.id)
      })
    })

    describe("store credit", () => {
      it("credits the distributor's store credit account with the exact payout, through the loyalty plugin", async () => {
        const people = await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        const chosen = await api.post("/store/mlm/me/payout-method", { provider: "store-credit" }, people.dan.headers)
        expect(chosen.data.payout_method).toEqual({
          provider: "store-credit",
          details: {},
          usable: true,
          reason: null,
          is_default: false,
          providers: ["manual", "store-credit", "stripe-connect"],
        })
        await approvedOrder()
        const sent = waitFor("mlm.payout.sent") // dan's; the manual payouts wait for the admin
        const run = (await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)).data
        await sent
        const dan = byHandle(run.payouts, people).dan
        expect(dan).toMatchObject({ amount: 9.98, status: "paid", provider: "store-credit" })
        expect(dan.reference).toMatch(/^sc_trx_/)
        const accounts = (await api.get(`/admin/store-credit-accounts?customer_id=${people.dan.customer.id}`, admin)).data
        expect(accounts.store_credit_accounts.map((a: any) => [a.currency_code, a.balance])).toEqual([["eur", 9.98]])
        // the others are on the shop's default, manual
        expect(run.payouts.filter((x: any) => x.provider === "manual").map((x: any) => x.amount).sort()).toEqual([2, 2.99, 4.99])
      })
    })

    describe("stripe connect", () => {
      it("transfers to the connected account with the payout id as idempotency key; a refusal returns the lines, a retry repeats the key", async () => {
        const people = await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        await api.post("/store/mlm/me/payout-method", { provider: "stripe-connect", details: { account_id: "acct_dan01" } }, people.dan.headers)
        await api.post("/store/mlm/me/payout-method", { provider: "stripe-connect", details: { account_id: "acct_refuses" } }, people.cleo.headers)
        // chosen without an account: held, and said why
        const ben = await api.post("/store/mlm/me/payout-method", { provider: "stripe-connect" }, people.ben.headers)
        expect(ben.data.payout_method).toMatchObject({
          provider: "stripe-connect",
          usable: false,
          reason: "Stripe Connect is chosen but no connected account id (acct_...) is given",
        })
        const order = await approvedOrder()

        const failedEvent = waitFor("mlm.payout.failed")
        const run = (await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)).data
        await failedEvent
        const p = byHandle(run.payouts, people)
        expect(p.dan).toMatchObject({ amount: 9.98, status: "paid", provider: "stripe-connect", reference: expect.stringMatching(/^tr_/) })
        expect(p.cleo).toMatchObject({ amount: 4.99, status: "failed", provider: "stripe-connect", message: "Insufficient funds in the platform balance" })
        expect(p.ben).toBeNull()
        expect(p.anna).toMatchObject({ amount: 2, status: "pending", provider: "manual" })
        expect(run.carried).toEqual([
          {
            distributor_id: people.ben.distributor.id,
            balance: 2.99,
            reason: "method_unusable",
            note: "Stripe Connect is chosen but no connected account id (acct_...) is given",
          },
        ])
        expect([...stripeCalls].sort((a, b) => Number(b.body.amount) - Number(a.body.amount))).toEqual([
          {
            path: "POST /v1/transfers",
            idempotency_key: p.dan.id,
            body: expect.objectContaining({ amount: "998", currency: "eur", destination: "acct_dan01", transfer_group: run.run_id, "metadata[payout_id]": p.dan.id }),
          },
          {
            path: "POST /v1/transfers",
            idempotency_key: p.cleo.id,
            body: expect.objectContaining({ amount: "499", currency: "eur", destination: "acct_refuses", transfer_group: run.run_id }),
          },
        ])
        expect((await linesOf(order.id)).map((l: any) => [l.distributor_handle, l.status])).toEqual([
          ["dan", "paid"],
          ["cleo", "approved"],
          ["ben", "approved"],
          ["anna", "paid"],
        ])

        // a retry is a new attempt with the same idempotency key and the same lines
        const retry = (await api.post(`/admin/mlm/payouts/${p.cleo.id}/retry`, {}, admin)).data.payout
        expect(retry).toMatchObject({ amount: 4.99, retry_of: p.cleo.id, idempotency_key: p.cleo.id, status: "failed" })
        expect(stripeCalls).toHaveLength(3)
        expect(stripeCalls[2]).toMatchObject({ idempotency_key: p.cleo.id, body: expect.objectContaining({ amount: "499", destination: "acct_refuses" }) })
        // retried once already; a paid payout is not retried
        expect((await failure(api.post(`/admin/mlm/payouts/${p.cleo.id}/retry`, {}, admin))).status).toBe(409)
        expect((await failure(api.post(`/admin/mlm/payouts/${p.dan.id}/retry`, {}, admin))).status).toBe(409)
        // a stripe payout's status comes from Stripe, not from the admin
        expect((await failure(api.post(`/admin/mlm/payouts/${p.dan.id}/status`, { status: "failed" }, admin))).status).toBe(409)
      })

      it("fails a paid payout when Stripe reports the transfer reversed (signed webhook), returning its lines", async () => {
        const people = await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        await api.post("/store/mlm/me/payout-method", { provider: "stripe-connect", details: { account_id: "acct_dan01" } }, people.dan.headers)
        const order = await approvedOrder()
        const run = (await api.post("/admin/mlm/payouts", { currency_code: "eur", distributor_ids: [people.dan.distributor.id] }, admin)).data
        const paid = run.payouts[0]
        expect(paid).toMatchObject({ status: "paid", reference: expect.stringMatching(/^tr_/) })
        const payload = JSON.stringify({
          id: "evt_1",
          object: "event",
          type: "transfer.reversed",
          data: { object: { id: paid.reference, object: "transfer", reversed: true } },
        })
        const stripe = new Stripe("sk_test_local")
        const unsigned = await failure(
          api.post("/hooks/mlm/payouts/stripe-connect", payload, { headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=bad" } })
        )
        expect(unsigned.status).toBe(400)
        expect((await linesOf(order.id))[0].status).toBe("paid")
        const header = stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_local" })
        const failedEvent = waitFor("mlm.payout.failed")
        const hook = await api.post("/hooks/mlm/payouts/stripe-connect", payload, { headers: { "content-type": "application/json", "stripe-signature": header } })
        await failedEvent
        expect(hook.data).toEqual({ received: true, payout: { id: paid.id, status: "failed" } })
        expect((await linesOf(order.id))[0]).toMatchObject({ distributor_handle: "dan", status: "approved", payout_id: null })
      })

      it("never pays a line twice when two payout runs start at once", async () => {
        const people = await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        for (const who of Object.values(people)) {
          await api.post("/store/mlm/me/payout-method", { provider: "stripe-connect", details: { account_id: `acct_${who.distributor.handle}` } }, who.headers)
        }
        await approvedOrder()
        const runs = await Promise.all([0, 1].map(() => api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)))
        const payouts = runs.flatMap((r) => r.data.payouts)
        expect(payouts.map((x: any) => x.amount).sort((a: number, b: number) => a - b)).toEqual([2, 2.99, 4.99, 9.98])
        expect(stripeCalls.map((c) => c.body.amount).sort((a, b) => Number(a) - Number(b))).toEqual(["200", "299", "499", "998"])
      })
    })

    describe("rules of a run", () => {
      it("carries balances below the plan's minimum without a payout record, and holds terminated distributors", async () => {
        const people = await chain()
        await api.post("/admin/mlm/plan", { ...PLAN, min_payout: { EUR: 3 } }, admin)
        expect((await api.get("/admin/mlm/plan", admin)).data.plan.min_payout).toEqual({ eur: 3 })
        await approvedOrder()
        await api.post(`/admin/mlm/distributors/${people.cleo.distributor.id}`, { status: "terminated" }, admin)
        // the preview applies the run's rules and writes nothing
        const { preview } = (await api.get("/admin/mlm/payouts/preview?currency_code=eur", admin)).data
        expect(preview.payouts.map((x: any) => [x.distributor.handle, x.amount, x.provider])).toEqual([["dan", 9.98, "manual"]])
        expect(preview.carried.map((c: any) => [c.distributor.handle, c.balance, c.reason]).sort()).toEqual([
          ["anna", 2, "below_minimum"],
          ["ben", 2.99, "below_minimum"],
          ["cleo", 4.99, "terminated"],
        ])
        const run = (await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)).data
        expect(run.payouts.map((x: any) => [x.distributor_id, x.amount])).toEqual([[people.dan.distributor.id, 9.98]])
        expect(run.carried.sort((a: any, b: any) => a.balance - b.balance)).toEqual([
          { distributor_id: people.anna.distributor.id, balance: 2, reason: "below_minimum", note: "below the minimum payout of 3" },
          { distributor_id: people.ben.distributor.id, balance: 2.99, reason: "below_minimum", note: "below the minimum payout of 3" },
          { distributor_id: people.cleo.distributor.id, balance: 4.99, reason: "terminated", note: "terminated distributors are not paid; the balance is held" },
        ])
        expect((await api.get("/admin/mlm/payouts", admin)).data.count).toBe(1)
        // a second order takes ben over the minimum: with cleo terminated, compression moves ben up to
        // level 2 (5% of 99.80 = 4.99): 2.99 carried + 4.99 = 7.98
        await approvedOrder()
        const next = (await api.post("/admin/mlm/payouts", { currency_code: "eur", distributor_ids: [people.ben.distributor.id] }, admin)).data
        expect(next.payouts.map((x: any) => [x.amount, x.line_count])).toEqual([[7.98, 2]])
      })
    })

    describe("statements", () => {
      it("adds up exactly: opening + earned - clawed back - paid = closing, per currency, also as CSV", async () => {
        const people = await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        await approvedOrder() // dan 9.98 approved
        await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin) // dan paid 9.98 (manual, pending)
        await approvedOrder() // dan 9.98 approved
        const third = (await buyThroughDan()).order // dan 9.98 pending
        const canceled = waitFor("order.canceled")
        await api.post(`/admin/orders/${third.id}/cancel`, {}, admin) // the pending 9.98 reversed
        await canceled

        const month = new Date().toISOString().slice(0, 7)
        const { statement } = (await api.get(`/store/mlm/me/statement?month=${month}`, people.dan.headers)).data
        const eur = statement.currencies.eur
        // 0 + 29.94 - 9.98 - 9.98 = 9.98
        expect(eur).toEqual({ opening: 0, earned: 29.94, clawed_back: 9.98, paid: 9.98, closing: 9.98 })
        // the closing balance is what the ledger still owes: pending + approved lines
        const mine = (await api.get("/store/mlm/me/commissions", people.dan.headers)).data.totals
        const owed = Object.values(mine.pending).concat(Object.values(mine.approved)).reduce((s: number, v: any) => s + Math.round(v * 100), 0)
        expect(Math.round(eur.closing * 100)).toBe(owed)
        expect(statement.lines.filter((l: any) => l.currency_code === "eur").map((l: any) => [l.type, l.amount])).toEqual([
          ["earned", 9.98],
          ["paid", -9.98],
          ["earned", 9.98],
          ["earned", 9.98],
          ["reversed", -9.98],
        ])
        expect(JSON.stringify(statement)).not.toContain(third.id) // no order ids in the store view
        for (const line of statement.lines) expect(line.explanation).toBeDefined()

        const next = (await api.get(`/store/mlm/me/statement?month=${nextMonth(month)}`, people.dan.headers)).data.statement
        expect(next.currencies.eur).toEqual({ opening: 9.98, earned: 0, clawed_back: 0, paid: 0, closing: 9.98 })
        expect(next.lines).toEqual([])

        const csv = (await api.get(`/store/mlm/me/statement?month=${month}&format=csv`, people.dan.headers)).data as string
        const rows = csv.trim().split("\n")
        expect(rows[0]).toBe("date,type,currency_code,amount,order_display_id,level,kind,line_id,payout_id,explanation")
        expect(rows.slice(1, 6)).toEqual([
          `${month},opening,eur,0,,,,,,`,
          `${month},earned,eur,29.94,,,,,,`,
          `${month},clawed_back,eur,9.98,,,,,,`,
          `${month},paid,eur,9.98,,,,,,`,
          `${month},closing,eur,9.98,,,,,,`,
        ])
        expect(rows.length).toBe(6 + statement.lines.length)

        const adminView = (await api.get(`/admin/mlm/distributors/${people.dan.distributor.id}/statement?month=${month}`, admin)).data.statement
        expect(adminView.currencies).toEqual(statement.currencies)
      })

      it("rejects bad input with 400 and answers only the distributor's own", async () => {
        const people = await chain()
        expect((await failure(api.get("/store/mlm/me/statement?month=2026-13", people.dan.headers))).data.message).toContain("YYYY-MM")
        expect((await failure(api.get("/store/mlm/me/statement?format=pdf", people.dan.headers))).status).toBe(400)
        expect((await failure(api.get("/store/mlm/me/statement", storeHeaders(store)))).status).toBe(401)
        expect((await failure(api.get("/store/mlm/me/payouts", storeHeaders(store)))).status).toBe(401)
        expect((await failure(api.post("/store/mlm/me/payout-method", { provider: "paypal" }, people.dan.headers))).data.message).toContain(
          'Payout provider "paypal" is not enabled'
        )
        expect(
          (await failure(api.post("/store/mlm/me/payout-method", { provider: "stripe-connect", details: { account_id: "x" } }, people.dan.headers))).data.message
        ).toContain("acct_")
        expect((await api.get("/store/mlm/me/payout-method", people.dan.headers)).data.payout_method).toMatchObject({ provider: "manual", is_default: true })
        expect((await failure(api.get("/admin/mlm/payouts/export?ids=nope", admin))).status).toBe(400)
        expect((await failure(api.post("/admin/mlm/payouts/mlmpay_missing/status", { status: "paid" }, admin))).status).toBe(404)
        expect((await failure(api.post("/admin/mlm/payouts/mlmpay_missing/status", { status: "lost" }, admin))).status).toBe(400)
        expect((await failure(api.post("/admin/mlm/payouts/mlmpay_missing/retry", {}, admin))).status).toBe(404)
        expect((await failure(api.get("/admin/mlm/distributors/dist_missing/statement", admin))).status).toBe(404)
        expect((await failure(api.get("/admin/mlm/distributors/dist_missing/statement?month=26-11", admin))).data.message).toContain("YYYY-MM")
        expect((await failure(api.get("/store/mlm/me/payouts?limit=0", people.dan.headers))).status).toBe(400)
        expect((await failure(api.post("/hooks/mlm/payouts/manual", {}, storeHeaders(store)))).status).toBe(400)
        expect((await failure(api.post("/admin/mlm/plan", { ...PLAN, min_payout: { euro: 5 } }, admin))).data.message).toContain("min_payout")
        // a distributor's payouts list holds only their own
        expect((await api.get("/store/mlm/me/payouts", people.dan.headers)).data).toEqual({ payouts: [], count: 0, limit: 20, offset: 0 })
      })
    })

    describe("a distributor's payouts", () => {
      it("lists their payouts with the lines each paid, order display ids only", async () => {
        const people = await chain()
        await api.post("/admin/mlm/plan", PLAN, admin)
        const order = await approvedOrder()
        await api.post("/admin/mlm/payouts", { currency_code: "eur" }, admin)
        const { payouts, count } = (await api.get("/store/mlm/me/payouts", people.dan.headers)).data
        expect(count).toBe(1)
        expect(payouts[0]).toMatchObject({ amount: 9.98, currency_code: "eur", status: "pending", provider: "manual" })
        expect(payouts[0].lines.map((l: any) => [l.amount, l.level, l.order_display_id])).toEqual([[9.98, 1, order.display_id]])
        expect(JSON.stringify(payouts)).not.toContain(order.id)
        expect((await api.get("/store/mlm/me/payouts", people.anna.headers)).data.payouts.map((p: any) => p.amount)).toEqual([2])
      })
    })
  },
})

function nextMonth(month: string) {
  const [y, m] = month.split("-").map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`
}
