import { MathBN } from "@medusajs/framework/utils"
import { PERCENTILE_DEFINITION, percentiles, shareOf, SortedEarnings } from "./distribution"
import type { DisclosureGroup, IncomeDisclosure } from "../../../types/simulation"

export const DISCLOSURE_PERCENTILES = [10, 25, 50, 75, 90, 99]

/**
 * One group of the income disclosure: `count` people, `earnings` one amount per person listed (the
 * others earned 0 and are counted as such: zero earners are never left out).
 */
export function disclosureGroup(earnings: string[], count: number, currency: string): DisclosureGroup {
  const sorted = new SortedEarnings(earnings, Math.max(0, count - earnings.length))
  const p = percentiles(sorted, DISCLOSURE_PERCENTILES)
  return {
    distributors: sorted.count,
    earners: sorted.earners,
    earners_share: shareOf(sorted.earners, sorted.count).toNumber(),
    total: sorted.total.toNumber(),
    mean: sorted.mean(currency)?.toNumber() ?? null,
    median: sorted.median(currency)?.toNumber() ?? null,
    percentiles: { p10: p.p10, p25: p.p25, p50: p.p50, p75: p.p75, p90: p.p90, p99: p.p99, max: p.max },
  }
}

/**
 * The income disclosure statement from its facts: the distributors enrolled by the period's end per
 * title, the non-zero net earnings of those among them on the period's orders, the clawbacks netted,
 * and the period's volume by who bought. Groups by title follow the plan's ladder (no title first).
 */
export function incomeDisclosure(input: {
  currency_code: string
  from: Date
  to: Date
  enrolled: { rank: string | null; count: number }[]
  earnings: { distributor_id: string; amount: string; rank: string | null }[]
  clawbacks: string
  volume: { own: boolean; orders: number; basis: string }[]
  ladder: string[]
}): IncomeDisclosure {
  const currency = input.currency_code
  const count = input.enrolled.reduce((sum, r) => sum + r.count, 0)
  const all = disclosureGroup(input.earnings.map((e) => e.amount), count, currency)
  const position = (rank: string | null) => (rank == null ? -1 : input.ladder.includes(rank) ? input.ladder.indexOf(rank) : input.ladder.length)
  const by_rank = [...input.enrolled]
    .sort((a, b) => position(a.rank) - position(b.rank) || String(a.rank).localeCompare(String(b.rank)))
    .map(({ rank, count: inRank }) => ({
      rank,
      ...disclosureGroup(input.earnings.filter((e) => e.rank === rank).map((e) => e.amount), inRank, currency),
    }))
  const own = input.volume.filter((v) => v.own)
  const others = input.volume.filter((v) => !v.own)
  const sum = (rows: { basis: string }[]) => rows.reduce((s, r) => MathBN.add(s, r.basis), MathBN.convert(0))
  const ownBasis = sum(own)
  const customerBasis = sum(others)
  const total = MathBN.add(ownBasis, customerBasis)
  return {
    currency_code: currency,
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    ...all,
    clawbacks: MathBN.convert(input.clawbacks).toNumber(),
    by_rank,
    volume: {
      orders: input.volume.reduce((s, v) => s + v.orders, 0),
      total: total.toNumber(),
      customers: customerBasis.toNumber(),
      customers_share: shareOf(customerBasis, total).toNumber(),
      distributors_own: ownBasis.toNumber(),
      distributors_own_share: shareOf(ownBasis, total).toNumber(),
    },
    definitions: {
      counted: "every distributor enrolled on or before the period's end, whether or not they earned (terminated ones included; removed enrolments not)",
      earnings:
        "net earnings on the orders placed in the period: commissions, retail profit and adjustments, minus every clawback of those orders whenever it was written; in the report's currency",
      earner: "a distributor whose net earnings are more than 0",
      statistics: PERCENTILE_DEFINITION,
      share: "part / whole x 100, rounded half-up to 2 decimals",
      by_rank: "grouped by title: the highest rank each distributor has reached",
      volume:
        "the commission basis now (item subtotals after discounts and refunds, without tax and shipping) of the period's orders credited to a distributor: customers outside the network versus distributors' own purchases",
    },
  }
}
