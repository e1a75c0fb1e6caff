import { Badge, Text } from "@medusajs/ui"
import type { CommissionLineStatus } from "../../types/commission-line"
import type { DistributorStatus } from "../../types/admin"
import type { PayoutStatus } from "../../types/payout"
import { distributorStatusColor, lineStatusColor, payoutStatusColor } from "../lib/format"
import { errorMessage } from "../lib/api"

export const DistributorStatusBadge = ({ status }: { status: DistributorStatus }) => (
  <Badge color={distributorStatusColor[status]} size="2xsmall">{status}</Badge>
)

export const LineStatusBadge = ({ status }: { status: CommissionLineStatus }) => (
  <Badge color={lineStatusColor[status]} size="2xsmall">{status}</Badge>
)

export const PayoutStatusBadge = ({ status }: { status: PayoutStatus }) => (
  <Badge color={payoutStatusColor[status]} size="2xsmall">{status}</Badge>
)

/** What a section shows while its data loads or after it failed. */
export function Loading({ what }: { what: string }) {
  return <Text size="small" className="text-ui-fg-subtle px-6 py-4">Loading {what}…</Text>
}

export function Failed({ error, what }: { error: unknown; what: string }) {
  return (
    <Text size="small" className="text-ui-fg-error px-6 py-4" role="alert">
      Could not load {what}: {errorMessage(error)}
    </Text>
  )
}
