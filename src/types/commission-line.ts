/**
 * A commission line as the HTTP API answers it (API.md, "Commission line"): one type for the routes
 * and the admin pages. Amounts are numbers in major units; percents are numbers (10 = 10 %).
 * No server imports here: the admin bundle imports this file too.
 */
import type { Qualification } from "./plan"
export type CommissionLineStatus = "pending" | "approved" | "paid" | "reversed"
export type CommissionLineKind = "commission" | "clawback" | "retail_profit" | "adjustment"

export type CommissionLineExplanation = {
  upline: string[]
  /** who was passed over and why (not_active and rank_below carry the numbers in the admin view) */
  skipped: ({ handle: string; reason: string } & Record<string, unknown>)[]
  /** what each beneficiary had at the order's moment (the store view keeps only the line's own) */
  qualification?: Qualification[]
  rounding: number
  attribution_source: string | null
  /** the settlement that wrote the line: its number on the order, what asked for it, the basis then */
  settlement?: {
    number: number
    trigger: string
    basis: number
    original_basis: number
    canceled: boolean
    held_before: number
    target: number
    /** the order's PV after this settlement */
    pv?: number
  }
  clawback?: Record<string, unknown>
}

export type CommissionLine = {
  id: string
  order_id: string
  distributor_id: string
  distributor_handle: string
  source_distributor_id: string
  level: number
  basis: number
  percent: number
  amount: number
  currency_code: string
  status: CommissionLineStatus
  kind: CommissionLineKind
  earning: "commission" | "retail_profit"
  plan_version: number | null
  reverses_line_id: string | null
  /** null: waiting for the order's fulfilment (mature_from "fulfilled") */
  hold_until: string | Date | null
  payout_id: string | null
  created_at: string | Date
  explanation: CommissionLineExplanation
  /** the admin ledger adds the order's display number */
  order_display_id?: number | null
}

/** The filtered ledger's sum and line count for one currency and status (admin ledger). */
export type LedgerTotal = {
  currency_code: string
  status: CommissionLineStatus
  amount: number
  count: number
}

/** A distributor's own view: the order by its display number and date, never its id. */
export type StoreCommissionLine = Omit<CommissionLine, "order_id" | "source_distributor_id"> & {
  order_display_id: number | null
  order_date: string | Date | null
}

/** Totals of a distributor's lines per status, then per currency, in major units. */
export type CommissionTotals = Record<"pending" | "approved" | "paid", Record<string, number>>
