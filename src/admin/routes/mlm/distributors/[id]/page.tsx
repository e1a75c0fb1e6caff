import { Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate, useParams } from "react-router-dom"
import type { AdminDistributorDetail } from "../../../../../types/admin"
import { useDistributor, useDistributors } from "../../../../lib/api"
import { count, date, money } from "../../../../lib/format"
import { CellLink, CustomerLink, DistributorLink } from "../../../../components/links"
import { distributorColumns } from "../../../../components/distributor-columns"
import { DistributorActions } from "../../../../components/distributor-actions"
import { LedgerTable } from "../../../../components/ledger-table"
import { pageParams, ServerTable } from "../../../../components/server-table"
import { DistributorStatusBadge, Failed, Loading } from "../../../../components/status"

const c = distributorColumns
const frontlineColumns = [c.handle, c.name, c.status, c.frontline, c.downline, c.enrolled]

/** Totals per status, each in every currency earned. */
function Totals({ totals }: { totals: AdminDistributorDetail["totals"] }) {
  const cell = (status: keyof typeof totals) => {
    const entries = Object.entries(totals[status])
    return entries.length ? entries.map(([c, amount]) => money(amount, c)).join(" + ") : "—"
  }
  return (
    <div className="grid grid-cols-3 gap-x-4">
      {(["pending", "approved", "paid"] as const).map((status) => (
        <div key={status}>
          <Text size="xsmall" className="text-ui-fg-subtle uppercase">{status}</Text>
          <Text size="large" weight="plus">{cell(status)}</Text>
        </div>
      ))}
    </div>
  )
}

const points = (value: number) => value.toLocaleString("en", { maximumFractionDigits: 2 })

/** Volume over the plan's window ending today, rank, and the month-by-month volume. */
function Volume({ d }: { d: AdminDistributorDetail }) {
  const { volume, rank, monthly_volume } = d
  const facts: [string, string][] = [
    [`PV (${volume.window_days} days)`, points(volume.pv)],
    [`GV (${volume.window_days} days)`, points(volume.gv)],
    ["Active legs", count(volume.active_legs)],
    ["Activity", volume.active ? "Active" : "Not active"],
    ["Rank", rank.current ?? "—"],
    ["Title (highest rank)", rank.highest ?? "—"],
  ]
  return (
    <div className="flex flex-col gap-y-3" data-testid="mlm-distributor-volume">
      <div className="grid grid-cols-3 gap-x-4 gap-y-2">
        {facts.map(([label, value]) => (
          <div key={label}>
            <Text size="xsmall" className="text-ui-fg-subtle uppercase">{label}</Text>
            <Text size="small" weight="plus">{value}</Text>
          </div>
        ))}
      </div>
      <div>
        <Text size="xsmall" className="text-ui-fg-subtle uppercase">Volume by month</Text>
        {monthly_volume.length ? (
          <table className="txt-small w-full max-w-md">
            <thead><tr className="text-ui-fg-subtle"><th className="text-left font-normal">Month</th><th className="text-right font-normal">PV</th><th className="text-right font-normal">GV</th></tr></thead>
            <tbody>
              {monthly_volume.map((m) => (
                <tr key={m.month}><td>{m.month}</td><td className="text-right">{points(m.pv)}</td><td className="text-right">{points(m.gv)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">No volume yet.</Text>
        )}
      </div>
    </div>
  )
}

function Frontline({ id }: { id: string }) {
  const navigate = useNavigate()
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: 10 })
  const { data, isLoading, error } = useDistributors({ sponsor_id: id, ...pageParams(pagination) })
  return (
    <ServerTable
      title="Frontline"
      subtitle={data ? `${count(data.count)}${data.count_capped ? "+" : ""} sponsored directly` : undefined}
      columns={frontlineColumns}
      rows={data?.distributors}
      count={data?.count}
      isLoading={isLoading}
      error={error}
      pagination={pagination}
      onPaginationChange={setPagination}
      getRowId={(d) => d.id}
      onRowClick={(d) => navigate(`/mlm/distributors/${d.id}`)}
      empty={{ heading: "No frontline yet", description: "Nobody has enrolled under this distributor." }}
    />
  )
}

/** One distributor: who they are, where they sit, what they earned, what an admin can do. */
const DistributorPage = () => {
  const { id } = useParams()
  const { data, isLoading, error } = useDistributor(id)
  if (error) return <Container><Failed error={error} what="the distributor" /></Container>
  if (isLoading || !data) return <Container><Loading what="the distributor" /></Container>
  const d = data.distributor
  const name = d.customer ? [d.customer.first_name, d.customer.last_name].filter(Boolean).join(" ") : null
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <Text size="small" className="text-ui-fg-subtle" aria-label="Upline">
          <Link to="/mlm" className="hover:underline">Network</Link>
          {[...d.upline].reverse().map((u) => (
            <span key={u.id}> / <DistributorLink id={u.id} handle={u.handle} /></span>
          ))}
          {" / "}{d.handle}
        </Text>
        <div className="flex items-start justify-between">
          <div>
            <div className="flex items-center gap-x-2">
              <Heading level="h1">{d.display_name}</Heading>
              <DistributorStatusBadge status={d.status} />
            </div>
            <Text size="small" className="text-ui-fg-subtle">
              {d.handle} · level {d.depth} · enrolled {date(d.enrolled_at)} · sponsor{" "}
              {d.sponsor ? <DistributorLink id={d.sponsor.id} handle={d.sponsor.handle} /> : "none (top of the network)"}
            </Text>
          </div>
          <DistributorActions distributor={d} />
        </div>
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <div>
            <Text size="xsmall" className="text-ui-fg-subtle uppercase">Customer</Text>
            <Text size="small"><CustomerLink id={d.customer_id}>{name || d.customer?.email || "Open customer"}</CustomerLink></Text>
            {d.customer && <Text size="xsmall" className="text-ui-fg-subtle">{d.customer.email}</Text>}
          </div>
          <div>
            <Text size="xsmall" className="text-ui-fg-subtle uppercase">Store</Text>
            <Text size="small"><a className="text-ui-fg-interactive hover:underline" href={d.store_url} target="_blank" rel="noreferrer">{d.store_url}</a></Text>
          </div>
          <div>
            <Text size="xsmall" className="text-ui-fg-subtle uppercase">Team</Text>
            <Text size="small">{count(d.frontline_count)} frontline · {count(d.downline_count)} in downline</Text>
            <Text size="xsmall"><CellLink to={`/mlm/genealogy?root=${d.id}`}>Open in the genealogy</CellLink></Text>
          </div>
          <div>
            <Text size="xsmall" className="text-ui-fg-subtle uppercase">Orders</Text>
            <Text size="small"><CustomerLink id={d.customer_id}>Own orders on the customer page</CustomerLink></Text>
          </div>
        </div>
        <Totals totals={d.totals} />
      </Container>
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <Heading level="h2">Volume and rank</Heading>
        <Volume d={d} />
      </Container>
      <Container className="divide-y p-0">
        <Frontline id={d.id} />
      </Container>
      <Container className="divide-y p-0">
        <LedgerTable title="Commissions" fixed={{ distributor_id: d.id }} pageSize={10} />
      </Container>
    </div>
  )
}

export default DistributorPage
