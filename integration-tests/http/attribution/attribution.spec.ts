import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { failure } from "../../helpers/store"
import { enrollThroughStore, networkService } from "../../helpers/network"
import { checkout, completeCart, createCart, storeHeaders } from "../../helpers/checkout"
import { attributeOrderWorkflow, ORDER_ATTRIBUTED_EVENT } from "../../../src/workflows/attribution/workflows/attribute-order"
import { COMMISSION_MODULE } from "../../../src/modules/commission"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let shake: string
    let kit: string

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
      shake = store.products.find((p) => p.handle === "vitality-shake")!.variants[0].id
      kit = store.products.find((p) => p.handle === "starter-kit")!.variants[0].id
    })

    /** jane at the top, ben under jane */
    async function team() {
      const jane = await enrollThroughStore(api, storeHeaders(store), "jane")
      const ben = await enrollThroughStore(api, storeHeaders(store), "ben", "jane")
      return { jane, ben }
    }

    const attributionOf = async (orderId: string) =>
      (await api.get(`/admin/mlm/orders/${orderId}/attribution`, admin)).data.attribution

    describe("buying through a storefront link", () => {
      it("credits a guest's order to the distributor whose link they came through", async () => {
        const { jane } = await team()
        const cartId = await createCart(api, store, { items: [{ variant_id: shake, quantity: 2 }] })
        const recorded = await api.post(`/store/mlm/carts/${cartId}/referral`, { handle: "Jane" }, storeHeaders(store))
        expect(recorded.data.referral).toEqual({
          cart_id: cartId,
          handle: "jane",
          display_name: "jane D.",
          store_url: "https://shop.example/jane",
          source: "link",
          touches: [{ handle: "jane", source: "link", at: expect.any(String) }],
        })
        const shown = await api.get(`/store/mlm/carts/${cartId}/referral`, storeHeaders(store))
        expect(shown.data.referral).toEqual(recorded.data.referral)

        const order = await completeCart(api, getContainer(), store, cartId)
        expect(order.item_subtotal).toBe(99.8)
        expect(await attributionOf(order.id)).toEqual({
          order_id: order.id,
          cart_id: cartId,
          customer_id: expect.stringMatching(/^cus_/),
          distributor: { id: jane.distributor.id, handle: "jane", display_name: "jane D." },
          source: "link",
          referral_handle: "jane",
          corrected_by: null,
          corrected_at: null,
          history: [],
          created_at: expect.any(String),
        })
      })

      it("credits a logged-in customer's order and binds the customer to that distributor", async () => {
        const { jane } = await team()
        const customer = await registerCustomer(api, storeHeaders(store))
        const { order } = await checkout(api, getContainer(), store, {
          customer: customer.headers,
          items: [{ variant_id: kit, quantity: 1 }],
          referral: "jane",
        })
        expect(await attributionOf(order.id)).toMatchObject({ source: "link", distributor: { handle: "jane" } })
        const bindings = await networkService(getContainer()).listCustomerBindings({ customer_id: customer.customer.id })
        expect(bindings).toEqual([
          expect.objectContaining({ distributor_id: jane.distributor.id, source: "order", order_id: order.id }),
        ])
      })

      it("follows the last touch by default and keeps every touch", async () => {
        await team()
        const cartId = await createCart(api, store, { items: [{ variant_id: shake, quantity: 1 }], referral: ["jane", "ben"] })
        const shown = (await api.get(`/store/mlm/carts/${cartId}/referral`, storeHeaders(store))).data.referral
        expect(shown.handle).toBe("ben")
        expect(shown.touches.map((t: any) => t.handle)).toEqual(["jane", "ben"])
        const order = await completeCart(api, getContainer(), store, cartId)
        expect(await attributionOf(order.id)).toMatchObject({ source: "link", distributor: { handle: "ben" } })
      })

      it("credits a customer's later orders without a referral to the first distributor, for life", async () => {
        const { jane } = await team()
        const customer = await registerCustomer(api, storeHeaders(store))
        const buy = (referral?: string) =>
          checkout(api, getContainer(), store, { customer: customer.headers, items: [{ variant_id: shake, quantity: 1 }], referral })
        const first = await buy("jane")
        const second = await buy()
        const third = await buy("ben")
        const fourth = await buy()
        expect(await attributionOf(first.order.id)).toMatchObject({ source: "link", distributor: { handle: "jane" } })
        expect(await attributionOf(second.order.id)).toMatchObject({
          source: "lifetime",
          referral_handle: null,
          distributor: { id: jane.distributor.id },
        })
        expect(await attributionOf(third.order.id)).toMatchObject({ source: "link", distributor: { handle: "ben" } })
        expect(await attributionOf(fourth.order.id)).toMatchObject({ source: "lifetime", distributor: { handle: "jane" } })
      })

      it("does not credit a referral older than the 30-day attribution window", async () => {
        await team()
        const cartId = await createCart(api, store, { items: [{ variant_id: shake, quantity: 1 }], referral: "jane" })
        // The shopper came through jane's link 31 days ago and only now checks out.
        const network = networkService(getContainer())
        const [referral] = (await network.listCartReferrals({ cart_id: cartId })) as any[]
        const aged = referral.touches.map((t: any) => ({ ...t, at: new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString() }))
        await network.updateCartReferrals({ id: referral.id, touches: aged })
        const order = await completeCart(api, getContainer(), store, cartId)
        expect(await attributionOf(order.id)).toBeNull()
      })

      it("leaves a retail order without referral or binding credited to nobody", async () => {
        await team()
        const { order } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }] })
        expect(await attributionOf(order.id)).toBeNull()
      })

      it("makes a customer who enrols without naming a sponsor a recruit of the distributor they bought through", async () => {
        const { jane } = await team()
        const customer = await registerCustomer(api, storeHeaders(store))
        await checkout(api, getContainer(), store, { customer: customer.headers, items: [{ variant_id: kit, quantity: 1 }], referral: "jane" })
        const enrolled = await api.post("/store/mlm/distributors", { handle: "newbie" }, customer.headers)
        expect(enrolled.data.distributor).toMatchObject({ sponsor_id: jane.distributor.id, sponsor: { handle: "jane" }, depth: 1 })
      })
    })

    describe("a distributor's own purchase", () => {
      it("is their own order, through their own link or anyone else's", async () => {
        const { ben } = await team()
        const own = await checkout(api, getContainer(), store, { customer: ben.headers, items: [{ variant_id: kit, quantity: 1 }], referral: "ben" })
        const viaJane = await checkout(api, getContainer(), store, { customer: ben.headers, items: [{ variant_id: kit, quantity: 1 }], referral: "jane" })
        const plain = await checkout(api, getContainer(), store, { customer: ben.headers, items: [{ variant_id: kit, quantity: 1 }] })
        expect(await attributionOf(own.order.id)).toMatchObject({ source: "self", referral_handle: "ben", distributor: { id: ben.distributor.id } })
        expect(await attributionOf(viaJane.order.id)).toMatchObject({ source: "self", referral_handle: "jane", distributor: { handle: "ben" } })
        expect(await attributionOf(plain.order.id)).toMatchObject({ source: "self", distributor: { handle: "ben" } })
      })
    })

    describe("bad referrals", () => {
      it("answers 404 for unknown and inactive handles and records nothing", async () => {
        const { ben } = await team()
        await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "inactive" }, admin)
        const cartId = await createCart(api, store, { items: [{ variant_id: shake, quantity: 1 }] })
        const unknown = await failure(api.post(`/store/mlm/carts/${cartId}/referral`, { handle: "nobody" }, storeHeaders(store)))
        expect(unknown).toEqual({ status: 404, data: { type: "not_found", message: "No storefront has the handle 'nobody'" } })
        const inactive = await failure(api.post(`/store/mlm/carts/${cartId}/referral`, { handle: "ben" }, storeHeaders(store)))
        expect(inactive).toEqual({ status: 404, data: { type: "not_found", message: "No storefront has the handle 'ben'" } })
        expect((await api.get(`/store/mlm/carts/${cartId}/referral`, storeHeaders(store))).data).toEqual({ referral: null })
      })

      it("answers 400 for a completed cart and for a malformed body, 404 for an unknown cart", async () => {
        await team()
        const { cartId } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }], referral: "jane" })
        const completed = await failure(api.post(`/store/mlm/carts/${cartId}/referral`, { handle: "ben" }, storeHeaders(store)))
        expect(completed).toEqual({
          status: 400,
          data: { type: "not_allowed", message: `Cart ${cartId} is completed: its referral can no longer change` },
        })
        expect((await api.get(`/store/mlm/carts/${cartId}/referral`, storeHeaders(store))).data.referral.handle).toBe("jane")
        const open = await createCart(api, store, { items: [{ variant_id: shake, quantity: 1 }] })
        const missing = await failure(api.post(`/store/mlm/carts/${open}/referral`, {}, storeHeaders(store)))
        expect(missing.status).toBe(400)
        expect(missing.data.message).toContain("handle")
        const unknownCart = await failure(api.post(`/store/mlm/carts/cart_nope/referral`, { handle: "jane" }, storeHeaders(store)))
        expect(unknownCart).toEqual({ status: 404, data: { type: "not_found", message: "Cart cart_nope was not found" } })
        expect((await failure(api.get(`/store/mlm/carts/cart_nope/referral`, storeHeaders(store)))).status).toBe(404)
      })
    })

    describe("exactly once", () => {
      it("writes one attribution when order.placed is delivered again, or handled by two workers at once", async () => {
        await team()
        const { order } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }], referral: "jane" })
        const container = getContainer()
        const runs = await Promise.all([
          attributeOrderWorkflow(container).run({ input: { order_id: order.id } }),
          attributeOrderWorkflow(container).run({ input: { order_id: order.id } }),
        ])
        expect(runs.map((r) => r.result?.distributor_id)).toEqual([
          runs[0].result?.distributor_id,
          runs[0].result?.distributor_id,
        ])
        const eventBus = container.resolve(Modules.EVENT_BUS)
        const again = TestEventUtils.waitSubscribersExecution("order.placed", eventBus)
        await eventBus.emit({ name: "order.placed", data: { id: order.id } })
        await again
        const attributions = await networkService(container).listOrderAttributions({ order_id: order.id })
        expect(attributions).toHaveLength(1)
        expect(attributions[0]).toMatchObject({ source: "link" })
      })

      it("finishes a worker's work that died right after writing the attribution when order.placed comes again", async () => {
        const { jane } = await team()
        await api.post("/admin/mlm/plan", { levels: [{ level: 1, percent: 10 }], hold_days: 0 }, admin)
        const customer = await registerCustomer(api, storeHeaders(store))
        const { order } = await checkout(api, getContainer(), store, {
          customer: customer.headers,
          items: [{ variant_id: kit, quantity: 1 }],
          referral: "jane",
        })
        const container = getContainer()
        const network = networkService(container)
        const commission = container.resolve(COMMISSION_MODULE) as any
        // What a SIGKILL after the attribution insert leaves: the attribution, and nothing after it.
        await network.deleteCustomerBindings((await network.listCustomerBindings({ customer_id: customer.customer.id })).map((b) => b.id))
        await commission.deleteCommissionLines((await commission.listCommissionLines({ order_id: order.id })).map((l: any) => l.id))
        await commission.deleteCommissionRuns((await commission.listCommissionRuns({ order_id: order.id })).map((r: any) => r.id))

        const eventBus = container.resolve(Modules.EVENT_BUS)
        const announced = TestEventUtils.waitSubscribersExecution(ORDER_ATTRIBUTED_EVENT, eventBus)
        const emitted: any[] = []
        const spy = async (event: any) => void emitted.push(event.data)
        eventBus.subscribe(ORDER_ATTRIBUTED_EVENT, spy, { subscriberId: "test-attributed-spy" })
        const again = TestEventUtils.waitSubscribersExecution("order.placed", eventBus)
        await eventBus.emit({ name: "order.placed", data: { id: order.id } })
        await again
        await announced
        eventBus.unsubscribe(ORDER_ATTRIBUTED_EVENT, spy, { subscriberId: "test-attributed-spy" })

        expect(await network.listOrderAttributions({ order_id: order.id })).toHaveLength(1)
        expect(await network.listCustomerBindings({ customer_id: customer.customer.id })).toEqual([
          expect.objectContaining({ distributor_id: jane.distributor.id, source: "order", order_id: order.id }),
        ])
        const lines = await commission.listCommissionLines({ order_id: order.id })
        expect(lines.map((l: any) => [l.distributor_handle, Number(l.amount)])).toEqual([["jane", 9.9]])
        expect(emitted).toEqual([{ order_id: order.id, distributor_id: jane.distributor.id, source: "link" }])
      })
    })

    describe("admin correction", () => {
      it("credits the order to another distributor and records who did it and what it was", async () => {
        const { jane, ben } = await team()
        const { order } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }], referral: "jane" })
        const corrected = await api.post(`/admin/mlm/orders/${order.id}/attribution`, { handle: "ben", reason: "phone order" }, admin)
        const adminUser = (await api.get("/admin/users/me", admin)).data.user
        expect(corrected.data.attribution).toMatchObject({
          order_id: order.id,
          distributor: { id: ben.distributor.id, handle: "ben" },
          source: "admin",
          corrected_by: adminUser.id,
          corrected_at: expect.any(String),
          history: [
            {
              at: expect.any(String),
              by: adminUser.id,
              reason: "phone order",
              from: { distributor_id: jane.distributor.id, source: "link" },
              to: { distributor_id: ben.distributor.id, source: "admin" },
            },
          ],
        })
        expect(await attributionOf(order.id)).toMatchObject({ source: "admin", distributor: { handle: "ben" } })
      })

      it("can credit an order that had no attribution", async () => {
        await team()
        const { order } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }] })
        const corrected = await api.post(`/admin/mlm/orders/${order.id}/attribution`, { handle: "jane" }, admin)
        expect(corrected.data.attribution).toMatchObject({ source: "admin", distributor: { handle: "jane" } })
        expect(corrected.data.attribution.history[0].from).toBeNull()
      })

      it("rejects bad corrections with 4xx and changes nothing", async () => {
        const { ben } = await team()
        const { order } = await checkout(api, getContainer(), store, { items: [{ variant_id: shake, quantity: 1 }], referral: "jane" })
        const missing = await failure(api.post(`/admin/mlm/orders/${order.id}/attribution`, {}, admin))
        expect(missing.status).toBe(400)
        expect(missing.data.message).toContain("handle")
        const unknown = await failure(api.post(`/admin/mlm/orders/${order.id}/attribution`, { handle: "nobody" }, admin))
        expect(unknown).toEqual({ status: 404, data: { type: "not_found", message: "No distributor has the handle 'nobody'" } })
        await api.post(`/admin/mlm/distributors/${ben.distributor.id}`, { status: "terminated" }, admin)
        const terminated = await failure(api.post(`/admin/mlm/orders/${order.id}/attribution`, { handle: "ben" }, admin))
        expect(terminated).toEqual({
          status: 400,
          data: { type: "invalid_data", message: "Distributor 'ben' is terminated and cannot be credited" },
        })
        const unknownOrder = await failure(api.post(`/admin/mlm/orders/order_nope/attribution`, { handle: "jane" }, admin))
        expect(unknownOrder.status).toBe(404)
        expect((await failure(api.get(`/admin/mlm/orders/order_nope/attribution`, admin))).status).toBe(404)
        expect(await attributionOf(order.id)).toMatchObject({ source: "link", distributor: { handle: "jane" }, history: [] })
        expect((await failure(api.get(`/admin/mlm/orders/${order.id}/attribution`))).status).toBe(401)
      })
    })
  },
})
