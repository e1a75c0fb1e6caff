import { Link } from "react-router-dom"
import type { ReactNode } from "react"

const stop = (e: React.MouseEvent) => e.stopPropagation()

/** A link inside a clickable table row: it must not also trigger the row. */
export const CellLink = ({ to, children }: { to: string; children: ReactNode }) => (
  <Link to={to} onClick={stop} className="text-ui-fg-interactive hover:underline">{children}</Link>
)

export const DistributorLink = ({ id, handle }: { id: string; handle: string }) => (
  <CellLink to={`/mlm/distributors/${id}`}>{handle}</CellLink>
)

/** Medusa's own order page, by the order's display number when known. */
export const OrderLink = ({ id, displayId }: { id: string; displayId?: number | null }) => (
  <CellLink to={`/orders/${id}`}>{displayId ? `#${displayId}` : `${id.slice(0, 12)}…`}</CellLink>
)

export const CustomerLink = ({ id, children }: { id: string; children?: ReactNode }) => (
  <CellLink to={`/customers/${id}`}>{children ?? "Customer"}</CellLink>
)
