import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, AdminOrder } from "@medusajs/framework/types"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import type { CommissionLine } from "../../types/commission-line"
import { useOrderCommissions } from "../lib/api"
import { date, money } from "../lib/format"
import { DistributorLink } from "../components/links"
import { LineDrawer } from "../components/line-drawer"
import { Failed, LineStatusBadge, Loading } from "../components/status"

/** On Medusa's order page: the order's commission lines with status and explanation. */
const OrderCommissionsWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { data, isLoading, error } = useOrderCommissions(order.id)
  const [open, setOpen] = useState<CommissionLine | null>(null)
  const run = data?.run
  return (
    <Container className="divide-y p-0" data-testid="mlm-order-commissions">
      <div className="px-6 py-4">
        <Heading level="h2">Commissions</Heading>
        {run && (
          <Text size="small" className="text-ui-fg-subtle">
            Basis {money(run.basis, run.currency_code)}
            {run.basis !== run.original_basis ? ` (at placement ${money(run.original_basis, run.currency_code)})` : ""} · plan v{run.plan_version} · pays{" "}
            {money(run.paid_amount, run.currency_code)} · breakage {money(run.breakage, run.currency_code)} · {run.settlements} settlement{run.settlements === 1 ? "" : "s"}
          </Text>
        )}
      </div>
      {error ? <Failed error={error} what="the commissions" /> : isLoading ? <Loading what="the commissions" /> : !data?.commissions.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">{run ? "No lines: nobody in the upline earns on this order." : "This order is credited to nobody, so it pays no commissions."}</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Distributor</Table.HeaderCell>
              <Table.HeaderCell>Level</Table.HeaderCell>
              <Table.HeaderCell>Basis × %</Table.HeaderCell>
              <Table.HeaderCell>Amount</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Held until</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {data.commissions.map((l) => (
              <Table.Row key={l.id} className="cursor-pointer" onClick={() => setOpen(l)}>
                <Table.Cell><DistributorLink id={l.distributor_id} handle={l.distributor_handle} /></Table.Cell>
                <Table.Cell>{l.level}{l.kind !== "commission" ? ` · ${l.kind.replace("_", " ")}` : ""}</Table.Cell>
                <Table.Cell>{money(l.basis, l.currency_code)} × {l.percent}%</Table.Cell>
                <Table.Cell>{money(l.amount, l.currency_code)}</Table.Cell>
                <Table.Cell><LineStatusBadge status={l.status} /></Table.Cell>
                <Table.Cell>{l.status === "pending" ? date(l.hold_until) : "—"}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <LineDrawer line={open} onClose={() => setOpen(null)} />
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details", id: "mlm:order-commissions" })

export default OrderCommissionsWidget
