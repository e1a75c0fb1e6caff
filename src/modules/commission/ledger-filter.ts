/**
 * The admin ledger's filters as one SQL condition, shared by the page, its count, its totals and the
 * CSV export, so the four always describe the same lines. Placeholders are knex-style `?`.
 * `from` and `to` bound the line's `created_at` (both inclusive).
 */
export type LedgerFilter = {
  order_id?: string
  distributor_id?: string
  distributor_handle?: string
  payout_id?: string
  status?: "pending" | "approved" | "paid" | "reversed"
  kind?: "commission" | "clawback" | "retail_profit" | "adjustment"
  currency_code?: string
  from?: Date
  to?: Date
}

export function ledgerWhere(filter: LedgerFilter): { sql: string; params: unknown[] } {
  const clauses = ["deleted_at IS NULL"]
  const params: unknown[] = []
  const equal = (column: keyof LedgerFilter) => {
    const value = filter[column]
    if (value === undefined) return
    clauses.push(`${column} = ?`)
    params.push(value)
  }
  equal("order_id")
  equal("distributor_id")
  equal("distributor_handle")
  equal("payout_id")
  equal("status")
  equal("kind")
  equal("currency_code")
  if (filter.from) {
    clauses.push("created_at >= ?")
    params.push(filter.from)
  }
  if (filter.to) {
    clauses.push("created_at <= ?")
    params.push(filter.to)
  }
  return { sql: clauses.join(" AND "), params }
}
