import { MedusaContainer } from "@medusajs/framework/types"
import {
  addShippingMethodToCartWorkflow,
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { recordCartReferralWorkflow } from "../src/workflows/attribution/workflows/record-cart-referral"
import type { SeededStore } from "./seed-store"

const ADDRESS = { first_name: "Demo", last_name: "Buyer", address_1: "Demo Str. 2", city: "Berlin", postal_code: "10115", country_code: "de" }

/**
 * A guest order through a distributor's link, with Medusa's own checkout workflows (cart, referral,
 * shipping, system payment, complete), for the demo seed and the subscriber bench. Returns the order id.
 */
export async function placeOrderThroughLink(
  container: MedusaContainer,
  store: SeededStore,
  input: { email: string; handle: string; items: { variant_id: string; quantity: number }[]; address?: typeof ADDRESS }
): Promise<string> {
  const address = input.address ?? ADDRESS
  const { result: cart } = await createCartWorkflow(container).run({
    input: {
      region_id: store.region.id,
      sales_channel_id: store.salesChannel.id,
      email: input.email,
      shipping_address: address,
      billing_address: address,
      items: input.items,
    },
  })
  await recordCartReferralWorkflow(container).run({ input: { cart_id: cart.id, handle: input.handle } })
  await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cart.id, options: [{ id: store.shippingOption.id }] } })
  const { result: collection } = await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
  await createPaymentSessionsWorkflow(container).run({
    input: { payment_collection_id: (collection as any).id, provider_id: "pp_system_default" },
  })
  const { result } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
  return result.id
}
