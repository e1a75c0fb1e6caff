import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { failure } from "../../helpers/store"
import { enrollThroughStore } from "../../helpers/network"
import { checkout, createCart, storeHeaders } from "../../helpers/checkout"

jest.setTimeout(240_000)

type Headers = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Headers
    let shake: { product: string; variant: string } // 49.90 EUR retail

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
      const product = store.products.find((p) => p.handle === "vitality-shake")!
      shake = { product: product.id, variant: product.variants[0].id }
    })

    /** The shop sells to members at 20% off: 49.90 -> 39.92, 99.00 -> 79.20, 24.50 -> 19.60, 19.99 -> 15.99 */
    const setDiscount = (discount_percent: unknown = 20) => api.post("/admin/mlm/wholesale", { discount_percent }, admin)

    const listedPrice = async (headers: Headers) => {
      const { data } = await api.get(
        `/store/products?handle=vitality-shake&region_id=${store.region.id}&fields=*variants.calculated_price`,
        headers
      )
      return data.products[0].variants[0].calculated_price.calculated_amount
    }
    const cartPrice = async (customer?: Headers) => {
      const cartId = await createCart(api, store, { customer, items: [{ variant_id: shake.variant, quantity: 1 }] })
      const { data } = await api.get(`/store/carts/${cartId}`, customer ?? storeHeaders(store))
      return data.cart.items[0].unit_price
    }

    it("creates the member price list at 20% off every variant price and reports it", async () => {
      const answer = await setDiscount(20)
      expect(answer.data.wholesale).toEqual({
        discount_percent: 20,
        price_list_id: expect.stringMatching(/^plist_/),
        member_group_id: expect.stringMatching(/^cusgroup_/),
        price_count: 4,
        refreshed_at: expect.any(String),
      })
      expect((await api.get("/admin/mlm/wholesale", admin)).data).toEqual(answer.data)
      const { data } = await api.get(`/admin/price-lists/${answer.data.wholesale.price_list_id}?fields=type,status,*prices`, admin)
      expect(data.price_list).toMatchObject({ type: "sale", status: "active" })
      expect(data.price_list.prices.map((p: any) => p.amount).sort((a: number, b: number) => a - b)).toEqual([15.99, 19.6, 39.92, 79.2])

      // A list made by 0.1 was an override list (no retail price for a member to see): a refresh makes it a sale list.
      const id = answer.data.wholesale.price_list_id
      await api.post(`/admin/price-lists/${id}`, { type: "override" }, admin)
      await setDiscount(20)
      expect((await api.get(`/admin/price-lists/${id}?fields=type`, admin)).data.price_list.type).toBe("sale")
    })

    it("serializes refreshes: two at once leave one complete price list", async () => {
      await setDiscount(20)
      const answers = await Promise.all([setDiscount(25), setDiscount(30)])
      expect(answers.map((a) => a.status)).toEqual([200, 200])
      const { wholesale } = (await api.get("/admin/mlm/wholesale", admin)).data
      const { data } = await api.get(`/admin/price-lists/${wholesale.price_list_id}?fields=*prices`, admin)
      expect(data.price_list.prices).toHaveLength(4)
      const expected = wholesale.discount_percent === 25 ? [14.99, 18.38, 37.43, 74.25] : [13.99, 17.15, 34.93, 69.3]
      expect(data.price_list.prices.map((p: any) => p.amount).sort((a: number, b: number) => a - b)).toEqual(expected)
    })

    it("shows members wholesale and everyone else retail: listing, cart created with items, completed order", async () => {
      await setDiscount(20)
      const jane = await enrollThroughStore(api, storeHeaders(store), "jane")
      const retail = await registerCustomer(api, storeHeaders(store))
      const guest = storeHeaders(store)

      expect(await listedPrice(jane.headers)).toBe(39.92)
      expect(await listedPrice(retail.headers)).toBe(49.9)
      // The retail price rides along for a member ("you save 9.98"), marked as a sale.
      const { data } = await api.get(
        `/store/products?handle=vitality-shake&region_id=${store.region.id}&fields=*variants.calculated_price`,
        jane.headers
      )
      expect(data.products[0].variants[0].calculated_price).toMatchObject({
        calculated_amount: 39.92,
        original_amount: 49.9,
        calculated_price: { price_list_type: "sale" },
      })
      expect(await listedPrice(guest)).toBe(49.9)

      expect(await cartPrice(jane.headers)).toBe(39.92)
      expect(await cartPrice(retail.headers)).toBe(49.9)
      expect(await cartPrice()).toBe(49.9)

      const memberOrder = await checkout(api, getContainer(), store, { customer: jane.headers, items: [{ variant_id: shake.variant, quantity: 2 }] })
      const retailOrder = await checkout(api, getContainer(), store, { customer: retail.headers, items: [{ variant_id: shake.variant, quantity: 2 }] })
      expect(memberOrder.order.item_subtotal).toBe(79.84)
      expect(retailOrder.order.item_subtotal).toBe(99.8)
    })

    it("makes a preferred customer a member and computes commissions on the wholesale they paid", async () => {
      await setDiscount(20)
      await api.post("/admin/mlm/plan", { levels: [{ level: 1, percent: 10 }] }, admin)
      const jane = await enrollThroughStore(api, storeHeaders(store), "jane")
      const customer = await registerCustomer(api, storeHeaders(store))
      const before = await failure(api.get("/store/mlm/members/me", customer.headers))
      expect(before).toEqual({ status: 404, data: { type: "not_found", message: "You have not joined as a member" } })
      const joined = await api.post("/store/mlm/members", { sponsor_handle: "jane" }, customer.headers)
      expect(joined.status).toBe(201)
      expect((await api.get("/store/mlm/members/me", customer.headers)).data).toEqual({
        member: { as: "preferred_customer", sponsor: { handle: "jane", display_name: "jane D." }, joined_at: expect.any(String) },
      })
      // A distributor is a member too; nobody else's membership can be asked for.
      expect((await api.get("/store/mlm/members/me", jane.headers)).data.member).toMatchObject({ as: "distributor", sponsor: null })
      expect((await failure(api.get("/store/mlm/members/me", storeHeaders(store)))).status).toBe(401)
      expect(joined.data.member).toMatchObject({ customer_id: customer.customer.id, sponsor: { handle: "jane" } })
      expect(await listedPrice(customer.headers)).toBe(39.92)

      const { order } = await checkout(api, getContainer(), store, { customer: customer.headers, items: [{ variant_id: shake.variant, quantity: 2 }] })
      const attribution = (await api.get(`/admin/mlm/orders/${order.id}/attribution`, admin)).data.attribution
      expect(attribution).toMatchObject({ source: "enrollment", distributor: { handle: "jane" } })
      const { data } = await api.get(`/admin/mlm/orders/${order.id}/commissions`, admin)
      // basis = 2 x 39.92 = 79.84 wholesale, 10% = 7.98 (7.984 rounded half-up)
      expect(data.run.basis).toBe(79.84)
      expect(data.commissions.map((l: any) => [l.distributor_handle, l.amount])).toEqual([["jane", 7.98]])

      expect((await failure(api.post("/store/mlm/members", {}, customer.headers))).status).toBe(409)
      const unknown = await registerCustomer(api, storeHeaders(store))
      expect((await failure(api.post("/store/mlm/members", { sponsor_handle: "nobody" }, unknown.headers))).status).toBe(404)
      expect((await failure(api.post("/store/mlm/members", {}, storeHeaders(store)))).status).toBe(401)
    })

    it("pays level 1 the retail profit on a retail order through a link, when the plan says so", async () => {
      await setDiscount(20)
      await api.post("/admin/mlm/plan", { levels: [{ level: 1, percent: 10 }, { level: 2, percent: 5 }], retail_profit: true }, admin)
      await enrollThroughStore(api, storeHeaders(store), "jane")
      await enrollThroughStore(api, storeHeaders(store), "ben", "jane")
      const retail = await registerCustomer(api, storeHeaders(store))
      const { order } = await checkout(api, getContainer(), store, {
        customer: retail.headers,
        items: [{ variant_id: shake.variant, quantity: 2 }],
        referral: "ben",
      })
      const { data } = await api.get(`/admin/mlm/orders/${order.id}/commissions`, admin)
      // paid 99.80 retail, members pay 79.84: ben earns the 19.96 margin; jane 5% of 99.80 = 4.99
      expect(data.commissions.map((l: any) => [l.level, l.kind, l.distributor_handle, l.amount])).toEqual([
        [1, "retail_profit", "ben", 19.96],
        [2, "commission", "jane", 4.99],
      ])
      expect(data.run).toMatchObject({ basis: 99.8, plan_amount: 4.99, paid_amount: 24.95, breakage: 0 })
      expect(data.run.explanation.retail_profit).toBe("19.96")

      // A member buying through the same link paid wholesale: no margin, level 1 earns its percent.
      const member = await registerCustomer(api, storeHeaders(store))
      await api.post("/store/mlm/members", {}, member.headers)
      const memberOrder = await checkout(api, getContainer(), store, {
        customer: member.headers,
        items: [{ variant_id: shake.variant, quantity: 2 }],
        referral: "ben",
      })
      const memberLines = (await api.get(`/admin/mlm/orders/${memberOrder.order.id}/commissions`, admin)).data.commissions
      expect(memberLines.map((l: any) => [l.level, l.kind, l.distributor_handle, l.amount])).toEqual([
        [1, "commission", "ben", 7.98],
        [2, "commission", "jane", 3.99],
      ])
    })

    it("refreshes the member prices after a retail price change", async () => {
      await setDiscount(20)
      const jane = await enrollThroughStore(api, storeHeaders(store), "jane")
      const refreshed = TestEventUtils.waitSubscribersExecution("product-variant.updated", getContainer().resolve(Modules.EVENT_BUS))
      await api.post(`/admin/products/${shake.product}/variants/${shake.variant}`, { prices: [{ currency_code: "eur", amount: 59.9 }] }, admin)
      await refreshed
      // 59.90 x 0.8 = 47.92
      expect(await listedPrice(jane.headers)).toBe(47.92)
      expect(await listedPrice(storeHeaders(store))).toBe(59.9)
      expect((await api.get("/admin/mlm/wholesale", admin)).data.wholesale.price_count).toBe(4)
    })

    it("keeps member prices for a member who is also in another customer group (core report #11875)", async () => {
      await setDiscount(20)
      const jane = await enrollThroughStore(api, storeHeaders(store), "jane")
      const customerModule = getContainer().resolve(Modules.CUSTOMER)
      const vip = await customerModule.createCustomerGroups({ name: "Newsletter" })
      await customerModule.addCustomerToGroup({ customer_id: jane.customer.id, customer_group_id: vip.id })
      expect(await listedPrice(jane.headers)).toBe(39.92)
      expect(await cartPrice(jane.headers)).toBe(39.92)
    })

    it("takes member prices away from a terminated distributor", async () => {
      await setDiscount(20)
      const jane = await enrollThroughStore(api, storeHeaders(store), "jane")
      expect(await listedPrice(jane.headers)).toBe(39.92)
      await api.post(`/admin/mlm/distributors/${jane.distributor.id}`, { status: "terminated" }, admin)
      expect(await listedPrice(jane.headers)).toBe(49.9)
    })

    it("keeps member prices for a terminated distributor who is also a preferred customer", async () => {
      await setDiscount(20)
      const customer = await registerCustomer(api, storeHeaders(store))
      await api.post("/store/mlm/members", {}, customer.headers)
      const enrolled = await api.post("/store/mlm/distributors", { handle: "was-preferred" }, customer.headers)
      await api.post(`/admin/mlm/distributors/${enrolled.data.distributor.id}`, { status: "terminated" }, admin)
      expect(await listedPrice(customer.headers)).toBe(39.92)
    })

    it.each([[120], [-1], ["20"], [null], [12.34567]])("rejects discount_percent %j with 400 and changes nothing", async (bad) => {
      await setDiscount(20)
      const before = (await api.get("/admin/mlm/wholesale", admin)).data
      const answer = await failure(api.post("/admin/mlm/wholesale", { discount_percent: bad }, admin))
      expect(answer.status).toBe(400)
      expect(answer.data.message).toContain("discount_percent")
      expect((await api.get("/admin/mlm/wholesale", admin)).data).toEqual(before)
    })

    it("answers null before a discount is set and 400 for a missing discount", async () => {
      expect((await api.get("/admin/mlm/wholesale", admin)).data).toEqual({ wholesale: null })
      expect((await failure(api.post("/admin/mlm/wholesale", {}, admin))).status).toBe(400)
      expect((await failure(api.get("/admin/mlm/wholesale"))).status).toBe(401)
    })
  },
})
