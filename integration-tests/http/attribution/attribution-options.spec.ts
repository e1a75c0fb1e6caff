import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedStore, SeededStore } from "../../../demo/seed-store"
import { createAdminHeaders, registerCustomer } from "../../helpers/auth"
import { enrollThroughStore, networkService } from "../../helpers/network"
import { checkout, completeCart, createCart, storeHeaders } from "../../helpers/checkout"

jest.setTimeout(180_000)

// The same checkout as attribution.spec.ts, with the shop's other choices in the plugin options.
// The runner reads medusa-config.ts before applying its `env` option, so set them while loading.
const OPTIONS_ENV = { MLM_ATTRIBUTION_POLICY: "first_touch", MLM_LIFETIME_BINDING: "false" }
Object.assign(process.env, OPTIONS_ENV)
afterAll(() => Object.keys(OPTIONS_ENV).forEach((key) => delete process.env[key]))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: Record<string, string> }
    let shake: string

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdminHeaders(getContainer())
      shake = store.products.find((p) => p.handle === "vitality-shake")!.variants[0].id
      await enrollThroughStore(api, storeHeaders(store), "jane")
      await enrollThroughStore(api, storeHeaders(store), "ben", "jane")
    })

    const attributionOf = async (orderId: string) =>
      (await api.get(`/admin/mlm/orders/${orderId}/attribution`, admin)).data.attribution

    it("keeps the first touch under first_touch, while recording every touch", async () => {
      expect(networkService(getContainer()).getPluginOptions().attribution).toEqual({
        policy: "first_touch",
        lifetime_binding: false,
        window_days: 30,
      })
      const cartId = await createCart(api, store, { items: [{ variant_id: shake, quantity: 1 }], referral: ["jane", "ben"] })
      const shown = (await api.get(`/store/mlm/carts/${cartId}/referral`, storeHeaders(store))).data.referral
      expect(shown.handle).toBe("jane")
      expect(shown.touches.map((t: any) => t.handle)).toEqual(["jane", "ben"])
      // another visit through ben's link answers the referral it stays with: jane, by her name
      const again = (await api.post(`/store/mlm/carts/${cartId}/referral`, { handle: "ben" }, storeHeaders(store))).data.referral
      expect(again).toMatchObject({ handle: "jane", display_name: shown.display_name })
      expect(again.touches.map((t: any) => t.handle)).toEqual(["jane", "ben", "ben"])
      const order = await completeCart(api, getContainer(), store, cartId)
      expect(await attributionOf(order.id)).toMatchObject({ source: "link", distributor: { handle: "jane" } })
    })

    it("does not bind customers for life when lifetime binding is off", async () => {
      const customer = await registerCustomer(api, storeHeaders(store))
      const first = await checkout(api, getContainer(), store, { customer: customer.headers, items: [{ variant_id: shake, quantity: 1 }], referral: "ben" })
      const second = await checkout(api, getContainer(), store, { customer: customer.headers, items: [{ variant_id: shake, quantity: 1 }] })
      expect(await attributionOf(first.order.id)).toMatchObject({ source: "link", distributor: { handle: "ben" } })
      expect(await attributionOf(second.order.id)).toBeNull()
      expect(await networkService(getContainer()).listCustomerBindings({ customer_id: customer.customer.id })).toEqual([])
    })
  },
})
