import { MathBN } from "@medusajs/framework/utils"

export type ApprovedLine = { id: string; distributor_id: string; amount: string | number }

/**
 * Netting at payout: a distributor's approved lines in one currency are paid together, clawbacks
 * included. A positive balance is paid; a zero or negative one (a clawback after a payout) is carried
 * to the next payout, its lines left approved, so nobody is ever paid a negative amount.
 */
export function payoutBalances(lines: ApprovedLine[]): {
  payable: { distributor_id: string; line_ids: string[]; total: string }[]
  carried: { distributor_id: string; balance: string }[]
} {
  const byDistributor = new Map<string, { ids: string[]; total: ReturnType<typeof MathBN.convert> }>()
  for (const line of lines) {
    const entry = byDistributor.get(line.distributor_id) ?? { ids: [], total: MathBN.convert(0) }
    entry.ids.push(line.id)
    entry.total = MathBN.add(entry.total, line.amount)
    byDistributor.set(line.distributor_id, entry)
  }
  const payable: { distributor_id: string; line_ids: string[]; total: string }[] = []
  const carried: { distributor_id: string; balance: string }[] = []
  for (const [distributor_id, { ids, total }] of byDistributor) {
    if (MathBN.gt(total, 0)) payable.push({ distributor_id, line_ids: ids, total: total.toString() })
    else carried.push({ distributor_id, balance: total.toString() })
  }
  return { payable, carried }
}
