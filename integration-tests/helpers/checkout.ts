import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"
import type { SeededStore } from "../../demo/seed-store"
import { uniqueEmail } from "./auth"

type Headers = { headers: Record<string, string> }

export type CheckoutOptions = {
  /** A logged-in customer's headers; without it the checkout is a guest checkout. */
  customer?: Headers
  email?: string
  items: { variant_id: string; quantity: number }[]
  /** A storefront handle: POST /store/mlm/carts/:id/referral before checkout. */
  referral?: string | string[]
  /** Promotion codes applied to the cart (POST /store/carts/:id/promotions). */
  promo_codes?: string[]
}

export const ADDRESS = {
  first_name: "Greta",
  last_name: "Gast",
  address_1: "Hauptstr. 1",
  city: "Berlin",
  postal_code: "10115",
  country_code: "de",
}

export const storeHeaders = (store: SeededStore): Headers => ({ headers: { "x-publishable-api-key": store.publishableKey } })

/** Creates a cart with items, optionally records referrals, and returns its id. */
export async function createCart(api: any, store: SeededStore, options: CheckoutOptions) {
  const headers = options.customer ?? storeHeaders(store)
  const { data } = await api.post(
    "/store/carts",
    {
      region_id: store.region.id,
      sales_channel_id: store.salesChannel.id,
      ...(options.customer ? {} : { email: options.email ?? uniqueEmail("guest") }),
      items: options.items,
    },
    headers
  )
  const cartId: string = data.cart.id
  for (const handle of ([] as string[]).concat(options.referral ?? [])) {
    await api.post(`/store/mlm/carts/${cartId}/referral`, { handle }, storeHeaders(store))
  }
  if (options.promo_codes?.length) await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: options.promo_codes }, headers)
  return cartId
}

/**
 * The real Medusa checkout, as a storefront does it: address, shipping method, a payment session
 * with the system provider, complete. Waits until the plugin's subscriber has attributed the order
 * and settled its commissions.
 */
export async function completeCart(
  api: any,
  container: MedusaContainer,
  store: SeededStore,
  cartId: string,
  customer?: Headers
) {
  const headers = customer ?? storeHeaders(store)
  await api.post(`/store/carts/${cartId}`, { shipping_address: ADDRESS, billing_address: ADDRESS }, headers)
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: store.shippingOption.id }, headers)
  const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, headers)
  await api.post(
    `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
  const eventBus = container.resolve(Modules.EVENT_BUS)
  const placed = TestEventUtils.waitSubscribersExecution("order.placed", eventBus)
  const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, headers)
  if (data.type !== "order") throw new Error(`checkout did not place an order: ${JSON.stringify(data.error ?? data)}`)
  // The plugin's order.placed subscriber attributes the order and settles its commissions.
  await placed
  return data.order as { id: string; total: number; item_subtotal: number; customer_id: string; email: string }
}

export async function checkout(api: any, container: MedusaContainer, store: SeededStore, options: CheckoutOptions) {
  const cartId = await createCart(api, store, options)
  const order = await completeCart(api, container, store, cartId, options.customer)
  return { cartId, order }
}

/**
 * Each current item's money as Medusa's own order totals report it (Query with total fields, which
 * makes Medusa compute the whole order's totals): `paid` is subtotal - discount_subtotal, `total`
 * with tax. The reference the plugin's order read (loadOrderNow) must equal.
 */
export async function medusaItemMoney(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: ["id", "total", "items.*", "items.tax_lines.*", "items.adjustments.*", "items.detail.*", "items.subtotal", "items.discount_subtotal", "items.total"],
    filters: { id: orderId },
  })
  const items: any[] = (data[0] as any).items
  return Object.fromEntries(
    items.map((i) => [i.id, { paid: MathBN.sub(MathBN.convert(i.subtotal), MathBN.convert(i.discount_subtotal)).toString(), total: MathBN.convert(i.total).toString() }])
  )
}
