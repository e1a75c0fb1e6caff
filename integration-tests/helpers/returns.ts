import { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { TestEventUtils } from "@medusajs/test-utils"
import type { SeededStore } from "../../demo/seed-store"

type Headers = { headers: Record<string, string> }

/** Ships the whole order from the demo stock location (a return needs fulfilled items). */
export async function fulfillOrder(api: any, admin: Headers, store: SeededStore, orderId: string) {
  const { data } = await api.get(`/admin/orders/${orderId}?fields=*items`, admin)
  await api.post(
    `/admin/orders/${orderId}/fulfillments`,
    { items: data.order.items.map((i: any) => ({ id: i.id, quantity: i.quantity })), location_id: store.stockLocation.id },
    admin
  ).catch((e: any) => {
    throw new Error(`fulfillment failed: ${JSON.stringify(e.response?.data)} for ${JSON.stringify(data.order.items)}`)
  })
}

/**
 * The admin's return flow through the real routes: request items back, confirm, receive, confirm
 * the receipt. Waits until the plugin's order.return_received subscriber has run.
 */
export async function receiveReturn(
  api: any,
  container: MedusaContainer,
  admin: Headers,
  store: SeededStore,
  orderId: string,
  items: { id: string; quantity: number }[]
) {
  const { data } = await api.post("/admin/returns", { order_id: orderId, location_id: store.stockLocation.id }, admin)
  const returnId = data.return.id
  await api.post(`/admin/returns/${returnId}/request-items`, { items }, admin)
  await api.post(`/admin/returns/${returnId}/shipping-method`, { shipping_option_id: store.returnShippingOption.id }, admin)
  await api.post(`/admin/returns/${returnId}/request`, {}, admin)
  await receiveReturnItems(api, container, admin, returnId, items)
}

/**
 * Receives the items of a requested return (a plain return, or the inbound side of an exchange or a
 * claim) and confirms the receipt; waits until the plugin's order.return_received subscriber has run.
 */
export async function receiveReturnItems(
  api: any,
  container: MedusaContainer,
  admin: Headers,
  returnId: string,
  items: { id: string; quantity: number }[]
) {
  await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
  await api.post(`/admin/returns/${returnId}/receive-items`, { items }, admin)
  const received = TestEventUtils.waitSubscribersExecution("order.return_received", container.resolve(Modules.EVENT_BUS))
  await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin)
  await received
}
