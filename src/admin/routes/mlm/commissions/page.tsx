import { Badge, Button, Container, Heading, Select, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { sdk } from "../../../lib/sdk"
import { money, useAdminGet } from "../../../lib/use-admin-get"
import type { CommissionLine } from "../../../../types/commission-line"

type Line = CommissionLine

const statusColor: Record<string, "grey" | "blue" | "green" | "red"> = {
  pending: "grey",
  approved: "blue",
  paid: "green",
  reversed: "red",
}

/** The commission ledger: every line with its explanation; approve matured lines, pay out. */
const CommissionsPage = () => {
  const [status, setStatus] = useState("all")
  const { data, reload } = useAdminGet<{ commissions: Line[]; count: number }>(
    `/admin/mlm/commissions?limit=200${status !== "all" ? `&status=${status}` : ""}`
  )
  const approve = async () => {
    const result = await sdk.client.fetch<{ count: number }>("/admin/mlm/commissions/approve", { method: "POST", body: {} })
    toast.success(`${result.count} matured lines approved`)
    reload()
  }
  const payOut = async () => {
    const result = await sdk.client.fetch<{ payouts: unknown[] }>("/admin/mlm/payouts", {
      method: "POST",
      body: { currency_code: "eur" },
    })
    toast.success(`${result.payouts.length} payouts created`)
    reload()
  }
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">Commission ledger</Heading>
          <Text size="small" className="text-ui-fg-subtle">{data?.count ?? 0} lines</Text>
        </div>
        <div className="flex items-center gap-x-2 whitespace-nowrap">
          <Select size="small" value={status} onValueChange={setStatus}>
            <Select.Trigger className="w-32"><Select.Value /></Select.Trigger>
            <Select.Content>
              {["all", "pending", "approved", "paid", "reversed"].map((s) => (
                <Select.Item key={s} value={s}>{s}</Select.Item>
              ))}
            </Select.Content>
          </Select>
          <Button size="small" variant="secondary" onClick={approve}>Approve matured</Button>
          <Button size="small" onClick={payOut}>Pay out EUR</Button>
        </div>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Distributor</Table.HeaderCell>
            <Table.HeaderCell>Order</Table.HeaderCell>
            <Table.HeaderCell>Level</Table.HeaderCell>
            <Table.HeaderCell>Basis × %</Table.HeaderCell>
            <Table.HeaderCell>Amount</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Why</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {data?.commissions.map((l) => (
            <Table.Row key={l.id}>
              <Table.Cell>{l.distributor_handle}</Table.Cell>
              <Table.Cell>{l.order_id.slice(0, 14)}…</Table.Cell>
              <Table.Cell>{l.level}{l.kind !== "commission" ? ` (${l.kind})` : ""}</Table.Cell>
              <Table.Cell>{money(l.basis, l.currency_code)} × {l.percent}%</Table.Cell>
              <Table.Cell>{money(l.amount, l.currency_code)}</Table.Cell>
              <Table.Cell><Badge size="2xsmall" color={statusColor[l.status]}>{l.status}</Badge></Table.Cell>
              <Table.Cell className="text-ui-fg-subtle">
                plan v{l.plan_version} · {l.explanation.upline.join(" → ")}
                {l.explanation.skipped.length ? ` · skipped ${l.explanation.skipped.map((s) => `${s.handle} (${s.reason})`).join(", ")}` : ""}
                {l.explanation.rounding ? ` · rounding ${l.explanation.rounding}` : ""}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

export default CommissionsPage
