import { Alert, Button, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage, useRunProgress, useSimulatePlan } from "../lib/api"
import { count, money } from "../lib/format"
import { ProgressBar } from "./progress-bar"
import type { PlanInput } from "../../types/admin"
import type { EarningsChange, Simulation, SimulationSide } from "../../types/simulation"

const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** The signed difference of two shown figures, to a thousandth of the unit (display only: the answer's figures are exact). */
const delta = (draft: number, actual: number) => Math.round((draft - actual) * 1000) / 1000

/**
 * "Try this plan": the draft replayed on the orders of a period before it is saved, beside what the
 * ledger holds for them. Nothing is written; the admin saves afterwards.
 */
export function PlanTrial({ plan }: { plan: PlanInput | null }) {
  const today = new Date()
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 90 * 86_400_000)))
  const [to, setTo] = useState(isoDay(today))
  const simulate = useSimulatePlan()
  const { progress, start } = useRunProgress("simulation", simulate.isPending)
  const result = simulate.data?.simulation
  const badPeriod = !from || !to || from > to
  const run = () => {
    if (!plan) return
    simulate.mutate({ plan, from, to, progress_key: start() })
  }
  return (
    <div className="flex flex-col gap-y-3 rounded-lg border border-ui-border-base p-4" role="region" aria-label="Try this plan">
      <div>
        <Heading level="h2">Try this plan</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Replays the orders placed in the period under the plan above, each with the upline and qualification it had, beside what the ledger holds for them. Nothing is saved.
        </Text>
      </div>
      <div className="flex items-end gap-x-3">
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="trial-from">Orders placed from</Label>
          <Input id="trial-from" type="date" size="small" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="trial-to">to</Label>
          <Input id="trial-to" type="date" size="small" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <Button size="small" variant="secondary" disabled={!plan || badPeriod} isLoading={simulate.isPending} onClick={run}>
          Try this plan
        </Button>
      </div>
      {progress && !progress.finished && (
        <ProgressBar
          label="Simulation progress"
          percent={progress.percent}
          text={`${count(progress.done)} of ${count(progress.total)} orders replayed (${progress.percent} %, ${(progress.elapsed_ms / 1000).toFixed(1)} s)`}
        />
      )}
      {badPeriod && <Text size="xsmall" className="text-ui-fg-error">Give a period whose start is not after its end.</Text>}
      {simulate.error && <Alert variant="error">The simulation failed: {errorMessage(simulate.error)}</Alert>}
      {result && <Comparison simulation={result} />}
    </div>
  )
}

function Comparison({ simulation: s }: { simulation: Simulation }) {
  const c = s.currency_code
  const rows: [string, (side: SimulationSide) => number | null, (v: number) => string][] = [
    ["Revenue (commission basis)", (x) => x.revenue, (v) => money(v, c)],
    ["Payout", (x) => x.payout, (v) => money(v, c)],
    ["Payout % of revenue", (x) => x.payout_percent, (v) => `${v} %`],
    ["Breakage", (x) => x.breakage, (v) => money(v, c)],
    ["Earners", (x) => x.earners, (v) => count(v)],
    ["Median earner (p50)", (x) => x.percentiles.p50, (v) => money(v, c)],
    ["p90", (x) => x.percentiles.p90, (v) => money(v, c)],
    ["p99", (x) => x.percentiles.p99, (v) => money(v, c)],
    ["Top earner", (x) => x.percentiles.max, (v) => money(v, c)],
  ]
  const levels = [...new Set([...s.actual.per_level, ...s.draft.per_level].map((l) => l.level))].sort((a, b) => a - b)
  const at = (side: SimulationSide, level: number) => side.per_level.find((l) => l.level === level)?.amount ?? 0
  return (
    <div className="flex flex-col gap-y-3" aria-label="Simulation result">
      <Text size="small">
        {count(s.actual.orders)} orders in {c.toUpperCase()}
        {s.currencies.length > 1 ? ` (also in the period: ${s.currencies.filter((x) => x !== c).join(", ").toUpperCase()})` : ""}.{" "}
        {s.holdings_changed === 0
          ? "The draft pays every beneficiary exactly what the ledger holds."
          : `${count(s.holdings_changed)} beneficiary amounts on ${count(s.orders_changed)} orders would change.`}
      </Text>
      {s.warnings.map((w) => (
        <Alert key={w.code} variant="warning">{w.message}</Alert>
      ))}
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Figure</Table.HeaderCell>
            <Table.HeaderCell>Actual ({s.actual.plan})</Table.HeaderCell>
            <Table.HeaderCell>Draft</Table.HeaderCell>
            <Table.HeaderCell>Change</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map(([name, of, show]) => {
            const a = of(s.actual)
            const d = of(s.draft)
            const change = a == null || d == null ? null : delta(d, a)
            return (
              <Table.Row key={name}>
                <Table.Cell>{name}</Table.Cell>
                <Table.Cell>{a == null ? "—" : show(a)}</Table.Cell>
                <Table.Cell>{d == null ? "—" : show(d)}</Table.Cell>
                <Table.Cell>{change == null || change === 0 ? "—" : `${change > 0 ? "+" : "−"}${show(Math.abs(change))}`}</Table.Cell>
              </Table.Row>
            )
          })}
          {levels.map((level) => {
            const change = delta(at(s.draft, level), at(s.actual, level))
            return (
              <Table.Row key={`level-${level}`}>
                <Table.Cell>Level {level}</Table.Cell>
                <Table.Cell>{money(at(s.actual, level), c)}</Table.Cell>
                <Table.Cell>{money(at(s.draft, level), c)}</Table.Cell>
                <Table.Cell>{change === 0 ? "—" : `${change > 0 ? "+" : "−"}${money(Math.abs(change), c)}`}</Table.Cell>
              </Table.Row>
            )
          })}
        </Table.Body>
      </Table>
      <div className="grid grid-cols-2 gap-4">
        <Changes title="Earn more under the draft" changes={s.draft.top_changes.up} currency={c} />
        <Changes title="Earn less under the draft" changes={s.draft.top_changes.down} currency={c} />
      </div>
    </div>
  )
}

function Changes({ title, changes, currency }: { title: string; changes: EarningsChange[]; currency: string }) {
  return (
    <div className="flex flex-col gap-y-1">
      <Text size="small" weight="plus">{title}</Text>
      {changes.length ? (
        <ul className="txt-small">
          {changes.map((c) => (
            <li key={c.distributor_id}>
              {c.handle}: {money(c.actual, currency)} → {money(c.draft, currency)} ({c.change > 0 ? "+" : "−"}{money(Math.abs(c.change), currency)})
            </li>
          ))}
        </ul>
      ) : (
        <Text size="small" className="text-ui-fg-subtle">Nobody.</Text>
      )}
    </div>
  )
}
