import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, decorateCartTotals, MathBN, Modules } from "@medusajs/framework/utils"
import { NETWORK_MODULE } from "../../modules/network"
import type NetworkModuleService from "../../modules/network/service"
import { OrderMoney, SHIPPING_REFUND_REASON_CODES } from "../../modules/commission/utils/settlement"
import { MEMBER_GROUP_SETTING } from "../network/steps/ensure-member-group"
import { WHOLESALE_SETTINGS } from "../pricing/steps/load-wholesale-state"

/**
 * What the money rules read of an order, through the order module: items as they are after edits,
 * returns, exchanges and claims (with their tax lines, discounts and detail), the payment summary
 * (captured and refunded money, the current total) and credit lines. No total field is asked for:
 * Medusa would then also load the shipping methods and compute the whole order's totals (the read
 * took 12.1 ms of CPU so, 9.9 ms now, side by side). The items' totals are computed from the same
 * rows by Medusa's own `decorateCartTotals`, which works item by item, so they are the figures
 * Medusa reports (settlement.spec checks them against Medusa's order totals).
 */
export const ORDER_NOW_SELECT = [
  "id",
  "display_id",
  "created_at",
  "updated_at",
  "version",
  "status",
  "currency_code",
  "customer_id",
  "summary.*",
  "credit_lines.*",
  // Of the items, only what the money rules and Medusa's item totals use (the raw_ columns hold the
  // exact amounts): 8.1 -> 6.4 ms of CPU per read against every column, side by side
  // (MLM_PROFILE_TRIM=1 npm run bench -- bench/order-path.profile.ts)
  "items.id",
  "items.product_id",
  "items.variant_id",
  "items.quantity",
  "items.raw_quantity",
  "items.unit_price",
  "items.raw_unit_price",
  "items.is_tax_inclusive",
  "items.tax_lines.id",
  "items.tax_lines.rate",
  "items.adjustments.id",
  "items.adjustments.amount",
  "items.adjustments.raw_amount",
  "items.adjustments.is_tax_inclusive",
  "items.detail.*",
]
const ORDER_NOW_RELATIONS = ["summary", "credit_lines", "items", "items.tax_lines", "items.adjustments", "items.detail"]

/**
 * The order totals a refund needs, computed by Medusa: read only when the summary has no current total
 * or a credit line was given with a shipping refund reason (the shipping total then caps it).
 */
const ORDER_TOTAL_FIELDS = ["id", "total", "shipping_total"]

/**
 * Read only when maturity starts at fulfilment (mature_from "fulfilled") and every current item is
 * fully fulfilled (the items' `detail.fulfilled_quantity` says so): a linked query of its own, which
 * an order that is still unfulfilled, as every order is when placed, does not need.
 */
const FULFILMENT_FIELDS = ["id", "fulfillments.id", "fulfillments.created_at", "fulfillments.canceled_at"]

/** A current item: `paid` is its subtotal after discounts (tax-exclusive), `total` with tax. */
export type OrderNowItem = {
  id: string
  product_id: string | null
  variant_id: string | null
  quantity: number
  paid: string
  total: string
}

export type OrderNowFacts = {
  id: string
  display_id: number | null
  created_at: Date
  /** the version of the order these facts were read from */
  updated_at: Date | null
  currency_code: string
  customer_id: string | null
  money: OrderMoney
  items: OrderNowItem[]
  /** when the last item was fulfilled (the latest live fulfilment); null while anything is unfulfilled or when not read */
  fulfilled_at: Date | null
}

const sum = (values: unknown[]) => values.reduce<any>((total, v) => MathBN.add(total, MathBN.convert((v as any) ?? 0)), MathBN.convert(0))

/** An order as the order module returns it for loadOrderNow (its ORDER_NOW_SELECT), by id. */
export type OrderNowRow = { id: string } & Record<string, any>

/**
 * Several orders for loadOrderNow in one query: one `listOrders` of 1 / 5 / 20 orders took 11.6 /
 * 11.7 / 22.0 ms of CPU, 11.6 / 2.3 / 1.1 ms per order. Each row is for one loadOrderNow only (it
 * adds the items' totals to the row).
 */
export async function readOrdersNow(container: MedusaContainer, orderIds: string[]): Promise<Map<string, OrderNowRow>> {
  const orders: OrderNowRow[] = await container
    .resolve(Modules.ORDER)
    .listOrders({ id: orderIds }, { select: ORDER_NOW_SELECT, relations: ORDER_NOW_RELATIONS } as any)
  return new Map(orders.map((o) => [o.id, o]))
}

/**
 * The order as it is now, reduced to what the money rules need; null for an unknown order. `read`
 * is the order's row from readOrdersNow when the caller read it already (see settlePlacedOrders).
 */
export async function loadOrderNow(
  container: MedusaContainer,
  orderId: string,
  { fulfilments, read }: { fulfilments: boolean; read?: OrderNowRow }
): Promise<OrderNowFacts | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const orderModule = container.resolve(Modules.ORDER)
  const order = read ?? (await readOrdersNow(container, [orderId])).get(orderId)
  if (!order) return null
  // Medusa's item totals (subtotal, discount_subtotal, total at the current quantity), item by item
  decorateCartTotals({ items: order.items ?? [], shipping_methods: [], credit_lines: [] } as any)
  // A claim sends replacements at no charge: they earn nothing, and what the buyer sends back under
  // a "replace" claim keeps its value (the buyer paid for it once and keeps a replacement). Both
  // exist only once a claim is confirmed, which makes a new order version: an order still at its
  // first version has none, and the claims are not read (8 ms of CPU per settlement, measured).
  const claims: any[] =
    Number(order.version ?? 1) > 1
      ? (
          await orderModule.listOrderClaims({ order_id: orderId } as any, { relations: ["additional_items", "return.items"] })
        ).filter((c: any) => !c.canceled_at)
      : []
  const replacements = new Set(claims.flatMap((c) => (c.additional_items ?? []).map((i: any) => i.item_id)))
  const allItems: any[] = order.items ?? []
  const unitPrice = new Map(allItems.map((i) => [i.id, i.unit_price ?? 0]))
  const replacedValue = sum(
    claims
      .filter((c) => c.type === "replace")
      .flatMap((c) => c.return?.items ?? [])
      .map((r: any) => MathBN.mult(unitPrice.get(r.item_id) ?? 0, r.received_quantity ?? 0))
  )
  const items: any[] = allItems.filter((i: any) => MathBN.gt(i.quantity ?? 0, 0) && !replacements.has(i.id))
  const fulfillments: any[] =
    fulfilments && allFulfilled(items)
      ? ((await query.graph({ entity: "order", fields: FULFILMENT_FIELDS, filters: { id: orderId } })).data[0] as any)?.fulfillments ?? []
      : []
  const summary = order.summary?.totals ?? order.summary ?? {}
  const creditLines = sum((order.credit_lines ?? []).map((c: any) => c.amount))
  const shippingRefunds = sum(
    (order.credit_lines ?? [])
      .filter((c: any) => SHIPPING_REFUND_REASON_CODES.includes(String(c.reference_id ?? "").toLowerCase()))
      .map((c: any) => c.amount)
  )
  const totals: { total?: unknown; shipping_total?: unknown } =
    summary.current_order_total === undefined || MathBN.gt(shippingRefunds, 0)
      ? ((await query.graph({ entity: "order", fields: ORDER_TOTAL_FIELDS, filters: { id: orderId } })).data[0] as any) ?? {}
      : {}
  const itemBasis = MathBN.add(
    sum(items.map((i) => MathBN.sub(MathBN.convert(i.subtotal ?? 0), MathBN.convert(i.discount_subtotal ?? 0)))),
    replacedValue
  )
  return {
    id: order.id,
    display_id: order.display_id ?? null,
    fulfilled_at: fulfilledAt(items, fulfillments),
    created_at: new Date(order.created_at),
    updated_at: order.updated_at ? new Date(order.updated_at) : null,
    currency_code: order.currency_code,
    customer_id: order.customer_id ?? null,
    money: {
      canceled: order.status === "canceled",
      item_basis: itemBasis.toString(),
      item_total: MathBN.add(sum(items.map((i) => i.total ?? 0)), replacedValue).toString(),
      // Medusa books a refund the order does not owe as a credit line, which lowers the current
      // total: add credit lines back, so such a refund shows as unexplained by the order's changes.
      current_total: MathBN.add((summary.current_order_total ?? totals.total ?? 0) as any, creditLines).toString(),
      paid_total: MathBN.convert(summary.paid_total ?? 0).toString(),
      refunded_total: MathBN.convert(summary.refunded_total ?? 0).toString(),
      shipping_refunds: shippingRefunds.toString(),
      // read only with a shipping refund, the one case it counts in (commissionableBasis caps that refund by it)
      ...(totals.shipping_total !== undefined ? { shipping_total: MathBN.convert(totals.shipping_total as any).toString() } : {}),
    },
    items: items.map((i) => ({
      id: i.id,
      product_id: i.product_id ?? null,
      variant_id: i.variant_id ?? null,
      quantity: Number(i.quantity),
      paid: MathBN.sub(MathBN.convert(i.subtotal ?? 0), MathBN.convert(i.discount_subtotal ?? 0)).toString(),
      total: MathBN.convert(i.total ?? 0).toString(),
    })),
  }
}

/**
 * Member unit prices of these variants in the order's currency, from the plugin's member price list;
 * null when the buyer is a member (they paid member prices: no retail profit) or no list exists.
 */
export async function loadMemberPrices(
  container: MedusaContainer,
  order: Pick<OrderNowFacts, "customer_id" | "currency_code">,
  variantIds: string[]
): Promise<Record<string, string> | null> {
  const network = container.resolve<NetworkModuleService>(NETWORK_MODULE)
  const [groupId, priceListId] = await Promise.all([
    network.getSetting(MEMBER_GROUP_SETTING),
    network.getSetting(WHOLESALE_SETTINGS.priceList),
  ])
  if (!groupId || !priceListId) return null
  if (order.customer_id) {
    const customerModule = container.resolve(Modules.CUSTOMER)
    const membership = await customerModule.listCustomerGroupCustomers({ customer_id: order.customer_id, customer_group_id: groupId })
    if (membership.length) return null
  }
  if (!variantIds.length) return {}
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({ entity: "product_variant", fields: ["id", "price_set.id"], filters: { id: variantIds } })
  const variantOf = new Map((variants as any[]).map((v) => [v.price_set?.id, v.id]))
  const pricing = container.resolve(Modules.PRICING)
  const prices = await pricing.listPrices({ price_list_id: [priceListId], price_set_id: [...variantOf.keys()].filter(Boolean) } as any)
  const out: Record<string, string> = {}
  for (const price of prices as any[]) {
    const variantId = variantOf.get(price.price_set_id)
    if (variantId && price.currency_code === order.currency_code) out[variantId] = MathBN.convert(price.amount).toString()
  }
  return out
}

/**
 * The moment an order became fully fulfilled: every current item's fulfilled quantity reached its
 * quantity, at the latest fulfilment that is not cancelled. Null while anything is unfulfilled.
 */
export function fulfilledAt(items: FulfilmentItem[], fulfillments: { created_at: string | Date; canceled_at?: string | Date | null }[]): Date | null {
  const live = fulfillments.filter((f) => !f.canceled_at)
  if (!live.length || !allFulfilled(items)) return null
  return new Date(Math.max(...live.map((f) => new Date(f.created_at).getTime())))
}

type FulfilmentItem = { quantity?: unknown; detail?: { fulfilled_quantity?: unknown; quantity?: unknown } }

/** Every current item's fulfilled quantity has reached its quantity (false for no items). */
export function allFulfilled(items: FulfilmentItem[]): boolean {
  return (
    items.length > 0 &&
    items.every((i) => MathBN.gte(MathBN.convert((i.detail?.fulfilled_quantity as any) ?? 0), MathBN.convert((i.detail?.quantity ?? i.quantity ?? 0) as any)))
  )
}
