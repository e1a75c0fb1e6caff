import { stringify } from "csv-stringify/sync"
import type { DisclosureGroup, IncomeDisclosure } from "../../types/simulation"

const GROUP_COLUMNS = ["group", "distributors", "earners", "earners_share", "total", "mean", "median", "p10", "p25", "p50", "p75", "p90", "p99", "max"] as const

const groupRow = (name: string, g: DisclosureGroup) => [
  name,
  g.distributors,
  g.earners,
  g.earners_share,
  g.total,
  g.mean ?? "",
  g.median ?? "",
  ...(["p10", "p25", "p50", "p75", "p90", "p99", "max"] as const).map((p) => g.percentiles[p] ?? ""),
]

const rankName = (rank: string | null) => (rank == null ? "no rank" : `rank: ${rank}`)

/** The statement as CSV (RFC 4180, header row): everyone first, then one row per title; amounts in major units. */
export function disclosureCsv(report: IncomeDisclosure): string {
  return stringify([[...GROUP_COLUMNS], groupRow("all", report), ...report.by_rank.map((g) => groupRow(rankName(g.rank), g))])
}

const escape = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

/** A printable page: the figures, by title, the volume and the definitions (no script, no external asset). */
export function disclosureHtml(report: IncomeDisclosure): string {
  const money = (value: number | null) =>
    value == null ? "—" : `${value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 3 })} ${report.currency_code.toUpperCase()}`
  const cells = (name: string, g: DisclosureGroup) =>
    `<tr><th scope="row">${escape(name)}</th><td>${g.distributors}</td><td>${g.earners}</td><td>${g.earners_share}%</td><td>${money(g.mean)}</td><td>${money(g.median)}</td>${(
      ["p10", "p25", "p50", "p75", "p90", "p99", "max"] as const
    )
      .map((p) => `<td>${money(g.percentiles[p])}</td>`)
      .join("")}</tr>`
  const period = `${report.from.slice(0, 10)} to ${report.to.slice(0, 10)}`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Income disclosure ${escape(period)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}th[scope=row],thead th{text-align:left}dt{font-weight:600}@media print{body{margin:0}}</style></head>
<body>
<h1>Income disclosure statement</h1>
<p>Orders placed from ${escape(period)} (UTC), in ${escape(report.currency_code.toUpperCase())}.
${report.distributors} distributors were enrolled by the end of the period; ${report.earners} of them (${report.earners_share}%) earned more than 0.
Clawbacks of ${escape(money(report.clawbacks))} are netted into these figures.</p>
<table><thead><tr><th>Group</th><th>Distributors</th><th>Earners</th><th>Share earning</th><th>Mean</th><th>Median</th><th>p10</th><th>p25</th><th>p50</th><th>p75</th><th>p90</th><th>p99</th><th>Max</th></tr></thead>
<tbody>${cells("Everyone", report)}${report.by_rank.map((g) => cells(g.rank ?? "No rank", g)).join("")}</tbody></table>
<h2>Where the volume came from</h2>
<p>${report.volume.orders} orders, ${escape(money(report.volume.total))} of commissionable volume: ${escape(money(report.volume.customers))} (${report.volume.customers_share}%) from customers outside the network, ${escape(money(report.volume.distributors_own))} (${report.volume.distributors_own_share}%) from distributors' own purchases.</p>
<h2>Definitions</h2>
<dl>${Object.entries(report.definitions).map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join("")}</dl>
</body></html>`
}
