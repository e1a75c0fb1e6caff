import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import { DisclosureParams, queryString, useIncomeDisclosure } from "../../../lib/api"
import { count, money } from "../../../lib/format"
import { Failed, Loading } from "../../../components/status"
import type { DisclosureGroup, IncomeDisclosure } from "../../../../types/simulation"

const isoDay = (d: Date) => d.toISOString().slice(0, 10)
const PERCENTILES = ["p10", "p25", "p50", "p75", "p90", "p99", "max"] as const

/** Earnings at each percentile of everyone counted (zero earners included): where a distributor stands. */
function PercentileChart({ report }: { report: IncomeDisclosure }) {
  const data = PERCENTILES.map((p) => ({ name: p === "max" ? "top" : p, amount: report.percentiles[p] ?? 0 }))
  return (
    <div style={{ width: "100%", height: 260 }} aria-label="Earnings by percentile">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis tickFormatter={(v: number) => money(v, report.currency_code)} width={90} />
          <Tooltip formatter={(v) => money(Number(v), report.currency_code)} />
          <Bar dataKey="amount" name="Earnings" fill="#6366f1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}

function GroupRow({ name, group, currency }: { name: string; group: DisclosureGroup; currency: string }) {
  const m = (v: number | null) => (v == null ? "—" : money(v, currency))
  return (
    <Table.Row>
      <Table.Cell>{name}</Table.Cell>
      <Table.Cell>{count(group.distributors)}</Table.Cell>
      <Table.Cell>{count(group.earners)} ({group.earners_share} %)</Table.Cell>
      <Table.Cell>{m(group.mean)}</Table.Cell>
      <Table.Cell>{m(group.median)}</Table.Cell>
      <Table.Cell>{m(group.percentiles.p90)}</Table.Cell>
      <Table.Cell>{m(group.percentiles.max)}</Table.Cell>
    </Table.Row>
  )
}

/** The income disclosure statement: everyone enrolled by the period's end counted, zero earners included. */
const IncomeDisclosurePage = () => {
  const today = new Date()
  const [params, setParams] = useState<DisclosureParams>({ from: isoDay(new Date(today.getTime() - 365 * 86_400_000)), to: isoDay(today) })
  const [currency, setCurrency] = useState("")
  const valid = params.from && params.to && params.from <= params.to
  const { data, isLoading, error } = useIncomeDisclosure(params, !!valid)
  const report = data?.report
  const link = (format: string) => `/admin/mlm/reports/income-disclosure${queryString({ ...params, format })}`
  return (
    <Container className="flex flex-col gap-y-4 px-6 py-4">
      <div>
        <Heading level="h1">Income disclosure</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          What distributors earned on the orders placed in the period, net of clawbacks. Everyone enrolled by the end of the period counts, including those who earned nothing.
        </Text>
      </div>
      <div className="flex items-end gap-x-3">
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="disclosure-from">From</Label>
          <Input id="disclosure-from" type="date" size="small" value={params.from} onChange={(e) => e.target.value && setParams({ ...params, from: e.target.value })} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="disclosure-to">To</Label>
          <Input id="disclosure-to" type="date" size="small" value={params.to} onChange={(e) => e.target.value && setParams({ ...params, to: e.target.value })} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="disclosure-currency">Currency</Label>
          <Input
            id="disclosure-currency"
            size="small"
            className="w-24"
            placeholder={report?.currency_code ?? "eur"}
            value={currency}
            onChange={(e) => {
              setCurrency(e.target.value)
              const code = e.target.value.trim().toLowerCase()
              if (!code || /^[a-z]{3}$/.test(code)) setParams({ ...params, currency: code || undefined })
            }}
          />
        </div>
        {report && (
          <div className="flex gap-x-3 pb-1.5 txt-small">
            <a href={link("csv")} download className="text-ui-fg-interactive">Download CSV</a>
            <a href={link("html")} target="_blank" rel="noreferrer" className="text-ui-fg-interactive">Printable page</a>
          </div>
        )}
      </div>
      {!valid && <Text size="xsmall" className="text-ui-fg-error">The start of the period must not be after its end.</Text>}
      {error && <Failed error={error} what="the income disclosure" />}
      {isLoading && <Loading what="the income disclosure" />}
      {report && (
        <>
          <Text>
            {count(report.distributors)} distributors; {count(report.earners)} ({report.earners_share} %) earned more than 0. Median {money(report.median ?? 0, report.currency_code)}, mean{" "}
            {money(report.mean ?? 0, report.currency_code)}. Clawbacks of {money(Math.abs(report.clawbacks), report.currency_code)} are netted.
          </Text>
          <PercentileChart report={report} />
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Group</Table.HeaderCell>
                <Table.HeaderCell>Distributors</Table.HeaderCell>
                <Table.HeaderCell>Earners</Table.HeaderCell>
                <Table.HeaderCell>Mean</Table.HeaderCell>
                <Table.HeaderCell>Median</Table.HeaderCell>
                <Table.HeaderCell>p90</Table.HeaderCell>
                <Table.HeaderCell>Top</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              <GroupRow name="Everyone" group={report} currency={report.currency_code} />
              {report.by_rank.map((g) => (
                <GroupRow key={g.rank ?? ""} name={g.rank ?? "No rank"} group={g} currency={report.currency_code} />
              ))}
            </Table.Body>
          </Table>
          <Text size="small">
            Volume: {count(report.volume.orders)} orders, {money(report.volume.total, report.currency_code)}; {report.volume.customers_share} % from customers outside the network,{" "}
            {report.volume.distributors_own_share} % from distributors' own purchases.
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle">Percentiles: {report.definitions.statistics}.</Text>
        </>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Income disclosure", rank: 5 })

export default IncomeDisclosurePage
