import type { CommissionLineStatus } from "../../types/commission-line"
import type { PayoutStatus } from "../../types/payout"
import type { DistributorStatus } from "../../types/admin"

/** One money format for the whole admin: the currency's own decimals, English grouping. */
export const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(amount)

export const date = (value: string | Date | null | undefined) =>
  value ? new Date(value).toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" }) : "—"

export const dateTime = (value: string | Date | null | undefined) =>
  value
    ? new Date(value).toLocaleString("en", { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })
    : "—"

export const count = (n: number) => n.toLocaleString("en")

export const distributorStatusColor: Record<DistributorStatus, "green" | "orange" | "red"> = {
  active: "green",
  inactive: "orange",
  terminated: "red",
}

export const payoutStatusColor: Record<PayoutStatus, "grey" | "blue" | "green" | "red"> = {
  pending: "grey",
  sent: "blue",
  paid: "green",
  failed: "red",
}

export const lineStatusColor: Record<CommissionLineStatus, "grey" | "blue" | "green" | "red"> = {
  pending: "grey",
  approved: "blue",
  paid: "green",
  reversed: "red",
}
