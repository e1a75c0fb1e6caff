import { MathBN } from "@medusajs/framework/utils"
import type { StatementEntry } from "../../../types/payout"

/** One event that moved a distributor's balance, with its signed effect (exact, major units). */
export type BalanceEvent = { currency_code: string; type: StatementEntry["type"]; effect: string }

export type StatementSums = { opening: string; earned: string; clawed_back: string; paid: string; closing: string }

/**
 * A month's statement per currency. The balance is what the shop owes the distributor: lines earned
 * and not yet paid out. `earned` is the positive lines written in the month; `clawed_back` the
 * negative lines written plus the lines reversed in the month; `paid` the payouts made less those
 * that failed in the month. By construction, exactly:
 *   closing = opening + earned - clawed_back - paid
 */
export function statementSums(opening: Record<string, string>, events: BalanceEvent[]): Record<string, StatementSums> {
  const sums: Record<string, { opening: string; earned: string; clawed_back: string; paid: string }> = {}
  const of = (currency: string) =>
    (sums[currency] ??= { opening: MathBN.convert(opening[currency] ?? 0).toString(), earned: "0", clawed_back: "0", paid: "0" })
  for (const currency of Object.keys(opening)) of(currency)
  for (const event of events) {
    const entry = of(event.currency_code)
    if (event.type === "earned") entry.earned = MathBN.add(entry.earned, event.effect).toString()
    else if (event.type === "clawed_back" || event.type === "reversed") entry.clawed_back = MathBN.sub(entry.clawed_back, event.effect).toString()
    else entry.paid = MathBN.sub(entry.paid, event.effect).toString()
  }
  return Object.fromEntries(
    Object.entries(sums)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, s]) => [
        currency,
        { ...s, closing: MathBN.sub(MathBN.sub(MathBN.add(s.opening, s.earned), s.clawed_back), s.paid).toString() },
      ])
  )
}

/** `YYYY-MM` -> the month's first instant and the next month's, in UTC. */
export function monthRange(month: string): { start: Date; end: Date } {
  const [year, m] = month.split("-").map(Number)
  return { start: new Date(Date.UTC(year, m - 1, 1)), end: new Date(Date.UTC(year, m, 1)) }
}
