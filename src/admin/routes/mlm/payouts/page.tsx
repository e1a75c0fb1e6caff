import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, createDataTableColumnHelper, DropdownMenu, Heading, IconButton, Select, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { EllipsisHorizontal } from "@medusajs/icons"
import { useEffect, useState } from "react"
import type { Payout } from "../../../../types/admin"
import { errorMessage, usePayoutPreview, usePayouts, useRetryPayout, useRunPayout, useSetPayoutStatus } from "../../../lib/api"
import { count, dateTime, money } from "../../../lib/format"
import { CellLink, DistributorLink } from "../../../components/links"
import { pageParams, ServerTable } from "../../../components/server-table"
import { Failed, Loading, PayoutStatusBadge } from "../../../components/status"

const column = createDataTableColumnHelper<Payout>()
const columns = [
  column.accessor("created_at", { header: "Created", cell: ({ getValue }) => dateTime(getValue()) }),
  column.accessor("distributor", {
    header: "Distributor",
    cell: ({ row }) =>
      row.original.distributor ? <DistributorLink id={row.original.distributor.id} handle={row.original.distributor.handle} /> : row.original.distributor_id,
  }),
  column.accessor("amount", { header: "Amount", cell: ({ row }) => money(row.original.amount, row.original.currency_code) }),
  column.accessor("status", {
    header: "Status",
    cell: ({ row }) => (
      <div className="flex flex-col">
        <PayoutStatusBadge status={row.original.status} />
        {row.original.message && row.original.status !== "paid" && (
          <Text size="xsmall" className="text-ui-fg-subtle max-w-56 truncate" title={row.original.message}>{row.original.message}</Text>
        )}
      </div>
    ),
  }),
  column.accessor("provider", { header: "Provider" }),
  column.accessor("reference", { header: "Reference", cell: ({ getValue }) => <Text size="xsmall" className="font-mono">{getValue() ?? "—"}</Text> }),
  column.accessor("line_count", { header: "Lines", cell: ({ row }) => <CellLink to={`/mlm/commissions?payout=${encodeURIComponent(row.original.id)}`}>{row.original.line_count}</CellLink> }),
  column.display({ id: "actions", cell: ({ row }) => <PayoutActions payout={row.original} /> }),
]

/**
 * What the admin can do with a payout: a manual one is marked paid (with the bank's reference) or
 * failed; a pending or failed one of another provider is retried with its idempotency key.
 */
function PayoutActions({ payout }: { payout: Payout }) {
  const prompt = usePrompt()
  const setStatus = useSetPayoutStatus()
  const retry = useRetryPayout()
  const manual = payout.provider === "manual" && (payout.status === "pending" || payout.status === "sent")
  const retryable = payout.provider !== "manual" && (payout.status === "pending" || payout.status === "failed") && !payout.retry_of
  if (!manual && !retryable) return null
  const mark = async (status: "paid" | "failed") => {
    const ok = await prompt({
      title: status === "paid" ? `Mark ${money(payout.amount, payout.currency_code)} paid?` : "Mark this payout failed?",
      description:
        status === "paid"
          ? "Record that the bank transfer went out. The distributor sees the payout as paid."
          : "Its lines return to approved and are paid in the next run.",
      confirmText: status === "paid" ? "Mark paid" : "Mark failed",
      cancelText: "Cancel",
    })
    if (!ok) return
    try {
      await setStatus.mutateAsync({ id: payout.id, status })
      toast.success(`Payout marked ${status}`)
    } catch (e) {
      toast.error(errorMessage(e))
    }
  }
  const again = async () => {
    try {
      const { payout: next } = await retry.mutateAsync(payout.id)
      toast.success(`Retried: ${next.status}`)
    } catch (e) {
      toast.error(errorMessage(e))
    }
  }
  return (
    <DropdownMenu>
      <DropdownMenu.Trigger asChild>
        <IconButton size="small" variant="transparent" aria-label={`Actions for ${payout.id}`}><EllipsisHorizontal /></IconButton>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content>
        {manual && <DropdownMenu.Item onClick={() => mark("paid")}>Mark paid</DropdownMenu.Item>}
        {manual && <DropdownMenu.Item onClick={() => mark("failed")}>Mark failed</DropdownMenu.Item>}
        {retryable && <DropdownMenu.Item onClick={again}>Retry</DropdownMenu.Item>}
      </DropdownMenu.Content>
    </DropdownMenu>
  )
}

/** A payout run: pick the currency, see what it would pay and what carries, confirm, pay. */
function PayoutRun() {
  const prompt = usePrompt()
  const [currency, setCurrency] = useState("")
  const { data, isLoading, error } = usePayoutPreview(currency || "eur")
  const run = useRunPayout()
  const currencies = data?.currencies ?? []
  useEffect(() => {
    if (!currency && currencies.length) setCurrency(currencies[0])
  }, [currencies.join(",")])
  const preview = currency ? data?.preview : undefined
  const pay = async () => {
    if (!preview) return
    const ok = await prompt({
      title: `Pay ${money(preview.total, currency)}?`,
      description: `${preview.payouts.length} distributor${preview.payouts.length === 1 ? "" : "s"} are paid their approved ${currency.toUpperCase()} balance through their payout method (manual payouts wait for you to pay them and mark them paid). Balances below the plan's minimum, terminated distributors and unusable payout methods are held.`,
      confirmText: "Pay out",
      cancelText: "Cancel",
    })
    if (!ok) return
    try {
      const result = await run.mutateAsync(currency)
      const failed = result.payouts.filter((p) => p.status === "failed").length
      toast.success(
        `${result.payouts.length} payouts created, ${result.carried.length} balances carried to the next run` + (failed ? `; ${failed} failed` : "")
      )
    } catch (e) {
      toast.error(`Nothing was paid: ${errorMessage(e)}`)
    }
  }
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4">
      <div className="flex items-center justify-between gap-x-4">
        <div>
          <Heading level="h2">Payout run</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Pays every distributor's approved balance in one currency through their payout method. Balances that are not positive,
            below the plan's minimum, of terminated distributors or with a payout method that cannot be used carry to the next run.
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Select size="small" value={currency} onValueChange={setCurrency} disabled={!currencies.length}>
            <Select.Trigger className="w-28" aria-label="Currency"><Select.Value placeholder="Currency" /></Select.Trigger>
            <Select.Content>
              {currencies.map((c) => <Select.Item key={c} value={c}>{c.toUpperCase()}</Select.Item>)}
            </Select.Content>
          </Select>
          <Button size="small" onClick={pay} isLoading={run.isPending} disabled={!preview?.payouts.length}>
            {preview?.payouts.length ? `Pay ${money(preview.total, currency)}` : "Pay out"}
          </Button>
        </div>
      </div>
      {error ? <Failed error={error} what="the payout preview" /> : isLoading ? <Loading what="the preview" /> : null}
      {data && !currencies.length && (
        <Text size="small">No approved lines to pay. Approve matured lines in the ledger first.</Text>
      )}
      {preview && (preview.payouts.length > 0 || preview.carried.length > 0) && (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Distributor</Table.HeaderCell>
              <Table.HeaderCell>Would be paid</Table.HeaderCell>
              <Table.HeaderCell>Lines</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {preview.payouts.map((p) => (
              <Table.Row key={p.distributor.id}>
                <Table.Cell><DistributorLink id={p.distributor.id} handle={p.distributor.handle ?? p.distributor.id} /></Table.Cell>
                <Table.Cell>{money(p.amount, currency)} <span className="text-ui-fg-subtle">via {p.provider}</span></Table.Cell>
                <Table.Cell>{p.line_count}</Table.Cell>
              </Table.Row>
            ))}
            {preview.carried.map((c) => (
              <Table.Row key={c.distributor.id}>
                <Table.Cell><DistributorLink id={c.distributor.id} handle={c.distributor.handle ?? c.distributor.id} /></Table.Cell>
                <Table.Cell className="text-ui-fg-subtle">carries {money(c.balance, currency)}: {c.note}</Table.Cell>
                <Table.Cell>—</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

/** Payouts made, newest first, and the next run with its preview. */
const PayoutsPage = () => {
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: 20 })
  const { data, isLoading, error } = usePayouts(pageParams(pagination))
  return (
    <div className="flex flex-col gap-y-3">
      <PayoutRun />
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-3">
          <Text size="small" className="text-ui-fg-subtle">
            Manual payouts: download the pending ones for the bank, then mark each paid or failed.
          </Text>
          <Button size="small" variant="secondary" asChild>
            <a href="/admin/mlm/payouts/export" download>Export pending manual payouts (CSV)</a>
          </Button>
        </div>
        <ServerTable
          title="Payouts"
          subtitle={data ? `${count(data.count)} payouts` : "Loading…"}
          columns={columns}
          rows={data?.payouts}
          count={data?.count}
          isLoading={isLoading}
          error={error}
          pagination={pagination}
          onPaginationChange={setPagination}
          getRowId={(p) => p.id}
          empty={{ heading: "No payouts yet", description: "A payout run pays the approved lines of one currency." }}
        />
      </Container>
    </div>
  )
}

export const config = defineRouteConfig({ label: "Payouts", rank: 4 })

export default PayoutsPage
