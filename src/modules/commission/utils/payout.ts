import { MathBN } from "@medusajs/framework/utils"
import type { PayoutSkipReason, PayoutStatus } from "../../../types/payout"

export type ApprovedLine = { id: string; distributor_id: string; amount: string | number }

type Balance = { distributor_id: string; line_ids: string[]; total: string }

/**
 * Netting at payout: a distributor's approved lines in one currency are paid together, clawbacks
 * included. A positive balance is paid; a zero or negative one (a clawback after a payout) is carried
 * to the next payout, its lines left approved, so nobody is ever paid a negative amount.
 */
export function payoutBalances(lines: ApprovedLine[]): {
  payable: Balance[]
  carried: { distributor_id: string; balance: string }[]
} {
  const byDistributor = new Map<string, { ids: string[]; total: ReturnType<typeof MathBN.convert> }>()
  for (const line of lines) {
    const entry = byDistributor.get(line.distributor_id) ?? { ids: [], total: MathBN.convert(0) }
    entry.ids.push(line.id)
    entry.total = MathBN.add(entry.total, line.amount)
    byDistributor.set(line.distributor_id, entry)
  }
  const payable: Balance[] = []
  const carried: { distributor_id: string; balance: string }[] = []
  for (const [distributor_id, { ids, total }] of byDistributor) {
    if (MathBN.gt(total, 0)) payable.push({ distributor_id, line_ids: ids, total: total.toString() })
    else carried.push({ distributor_id, balance: total.toString() })
  }
  return { payable, carried }
}

/** What a payout run decides per distributor, before anything is written. */
export type PayoutPlan = {
  payable: (Balance & { provider_id: string })[]
  /** balances left for the next run, lines still approved */
  carried: { distributor_id: string; balance: string; reason: PayoutSkipReason; note: string }[]
}

/**
 * The payout rules of one run in one currency (DESIGN.md, "Payouts"):
 * - a balance that is not positive carries (`not_positive`);
 * - a balance below the plan's minimum for the currency carries, and no payout is made (`below_minimum`);
 * - a distributor the caller holds (terminated, a payout method that cannot be used, unknown) is not
 *   paid; their balance is reported with the reason;
 * - everyone else is paid their whole balance through their provider.
 * Every line ends in exactly one payout or stays approved; nothing is rounded.
 */
export function planPayouts(
  lines: ApprovedLine[],
  rules: {
    min_payout: string | number | null
    /** distributor id -> provider id, or the reason they cannot be paid */
    route: (distributorId: string) => { provider_id: string } | { reason: PayoutSkipReason; note: string }
  }
): PayoutPlan {
  const { payable, carried } = payoutBalances(lines)
  const plan: PayoutPlan = {
    payable: [],
    carried: carried.map((c) => ({ ...c, reason: "not_positive", note: "the approved balance is not positive (clawbacks)" })),
  }
  for (const balance of payable) {
    const route = rules.route(balance.distributor_id)
    if ("reason" in route) {
      plan.carried.push({ distributor_id: balance.distributor_id, balance: balance.total, reason: route.reason, note: route.note })
    } else if (rules.min_payout != null && MathBN.lt(balance.total, rules.min_payout)) {
      plan.carried.push({
        distributor_id: balance.distributor_id,
        balance: balance.total,
        reason: "below_minimum",
        note: `below the minimum payout of ${MathBN.convert(rules.min_payout).toString()}`,
      })
    } else {
      plan.payable.push({ ...balance, provider_id: route.provider_id })
    }
  }
  return plan
}

/**
 * A payout amount in the currency's smallest unit (cents), exactly; null when the amount has more
 * decimals than the currency (a provider must then refuse rather than round money away).
 */
export function toMinorUnits(amount: string, currencyCode: string): number | null {
  const digits = ZERO_DECIMAL.has(currencyCode.toLowerCase()) ? 0 : THREE_DECIMAL.has(currencyCode.toLowerCase()) ? 3 : 2
  const minor = MathBN.mult(amount, 10 ** digits)
  if (!minor.isInteger()) return null
  return minor.toNumber()
}

// Stripe's lists of currencies without cents and with three decimals.
const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"])
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"])

/**
 * The statuses a payout passes through from `from` to `to`, in order (pending -> paid passes sent);
 * null when the change is not allowed. A paid payout can still fail (a provider reversed it); a
 * failed one is final (a retry is a new payout).
 */
export function payoutTransition(from: PayoutStatus, to: PayoutStatus): PayoutStatus[] | null {
  if (from === to) return from === "failed" ? null : []
  if (from === "failed") return null
  if (to === "pending") return null
  if (to === "failed") return ["failed"]
  if (to === "sent") return from === "pending" ? ["sent"] : null
  return from === "pending" ? ["sent", "paid"] : ["paid"]
}
