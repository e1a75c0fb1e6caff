import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform } from "@medusajs/framework/workflows-sdk"
import type { PayoutChange } from "./steps/send-payouts"

export const PAYOUT_CREATED_EVENT = "mlm.payout.created"
export const PAYOUT_SENT_EVENT = "mlm.payout.sent"
export const PAYOUT_PAID_EVENT = "mlm.payout.paid"
export const PAYOUT_FAILED_EVENT = "mlm.payout.failed"

const eventOf = { sent: PAYOUT_SENT_EVENT, paid: PAYOUT_PAID_EVENT, failed: PAYOUT_FAILED_EVENT } as const

/** The data of every payout event: ids, so a host app can read what it needs. */
const dataOf = (c: PayoutChange) => ({
  id: c.payout.id,
  distributor_id: c.payout.distributor_id,
  currency_code: c.payout.currency_code,
  provider_id: c.payout.provider_id,
  status: c.payout.status,
})

/**
 * `mlm.payout.sent`, `.paid` and `.failed`, one event per payout per status it passed through
 * (a payout paid at once passes sent first), in that order. Used inside a workflow's composer.
 */
export function emitPayoutEvents(changes: PayoutChange[], prefix: string) {
  for (const status of ["sent", "paid", "failed"] as const) {
    emitEventStep({
      eventName: eventOf[status],
      data: transform({ changes }, ({ changes }) => changes.filter((c) => c.passed.includes(status)).map(dataOf)),
    }).config({ name: `${prefix}-emit-payout-${status}` })
  }
}
