import type { DataTableFilteringState } from "@medusajs/ui"
import type { LedgerFilters } from "../../types/admin"

/**
 * The ledger's filters and page in the address (`/app/mlm/commissions?status=paid&distributor=anna&page=2`),
 * so a filtered ledger survives a reload and can be shared or bookmarked. Pure: the page reads the
 * address with ledgerViewOf and writes it back with ledgerSearchOf; other parameters (`payout`) stay.
 */

/** DataTable filter id -> address parameter. */
const TEXT_PARAMS = {
  status: "status",
  kind: "kind",
  distributor_handle: "distributor",
  order_id: "order",
  currency_code: "currency",
} as const

type Range = { $gte?: string; $lte?: string; $gt?: string; $lt?: string }

/** The date filter's bounds (ISO instants), whichever operators it holds. */
const dateBounds = (filtering: DataTableFilteringState) => {
  const range = (filtering.created_at ?? {}) as Range
  return { from: range.$gte ?? range.$gt, to: range.$lte ?? range.$lt }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** An ISO instant -> the local calendar day it falls on (YYYY-MM-DD), as the date filter shows it. */
const localDay = (iso: string) => {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return undefined
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`
}

/** YYYY-MM-DD -> the start of that local day as an ISO instant (what the date filter holds); undefined if it is not a day. */
const dayStart = (day: string | null) => {
  const m = day ? DAY.exec(day) : null
  if (!m) return undefined
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return date.getMonth() === Number(m[2]) - 1 ? date.toISOString() : undefined
}

export type LedgerView = { filtering: DataTableFilteringState; pageIndex: number }

/** The address's parameters -> the table's filter state and page (unknown or malformed values are left out). */
export function ledgerViewOf(search: URLSearchParams): LedgerView {
  const filtering: DataTableFilteringState = {}
  for (const [id, param] of Object.entries(TEXT_PARAMS)) {
    const value = search.get(param)?.trim()
    if (value) filtering[id] = value
  }
  const from = dayStart(search.get("from"))
  const to = dayStart(search.get("to"))
  if (from || to) filtering.created_at = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) }
  const page = Number(search.get("page"))
  return { filtering, pageIndex: Number.isInteger(page) && page > 1 ? page - 1 : 0 }
}

/** The table's filter state and page -> the address's parameters, keeping the ones the ledger does not own. */
export function ledgerSearchOf(view: LedgerView, current: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const next = new URLSearchParams(current)
  for (const param of [...Object.values(TEXT_PARAMS), "from", "to", "page"]) next.delete(param)
  for (const [id, param] of Object.entries(TEXT_PARAMS)) {
    const value = view.filtering[id]
    if (typeof value === "string" && value.trim()) next.set(param, value.trim())
  }
  const { from, to } = dateBounds(view.filtering)
  const fromDay = from ? localDay(from) : undefined
  const toDay = to ? localDay(to) : undefined
  if (fromDay) next.set("from", fromDay)
  if (toDay) next.set("to", toDay)
  if (view.pageIndex > 0) next.set("page", String(view.pageIndex + 1))
  return next
}

/** The DataTable filter state -> the API's ledger filters (dates as an inclusive day range). */
export function ledgerFiltersOf(state: DataTableFilteringState): LedgerFilters {
  const text = (key: string) => {
    const value = state[key]
    return typeof value === "string" && value.trim() ? value.trim() : undefined
  }
  const { from, to } = dateBounds(state)
  return {
    status: text("status"),
    kind: text("kind"),
    distributor_handle: text("distributor_handle")?.toLowerCase(),
    order_id: text("order_id"),
    currency_code: text("currency_code")?.toLowerCase(),
    from: from ? new Date(new Date(from).setHours(0, 0, 0, 0)).toISOString() : undefined,
    to: to ? new Date(new Date(to).setHours(23, 59, 59, 999)).toISOString() : undefined,
  }
}
