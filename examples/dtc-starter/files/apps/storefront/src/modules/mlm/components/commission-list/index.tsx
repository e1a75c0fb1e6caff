import { convertToLocale } from "@lib/util/money"
import type { CommissionTotals, StoreCommissionLine } from "medusa-plugin-mlm/storefront"

const money = (amount: number, currency_code: string) => convertToLocale({ amount, currency_code })
const day = (date: string | Date | null) =>
  date ? new Date(date).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "no date"

/** Why a line exists, in words: which order, how far down the team, what share of which amount. */
export function explainLine(line: StoreCommissionLine): string {
  const order = line.order_display_id ? `Order #${line.order_display_id} of ${day(line.order_date)}` : `An order of ${day(line.order_date)}`
  const share = `${line.percent}% of ${money(line.basis, line.currency_code)}`
  const who = line.level <= 1 ? "your customer" : `${line.level - 1} ${line.level === 2 ? "level" : "levels"} down your team`
  if (line.kind === "clawback") return `${order}: taken back, the order was canceled, returned or refunded`
  if (line.kind === "retail_profit") return `${order}: the retail profit of your customer's order`
  if (line.kind === "adjustment") return `${order}: an adjustment by the shop`
  return `${order}: ${share} (${who})`
}

const STATUS_LABEL = { pending: "Pending (maturing)", approved: "Approved", paid: "Paid out" } as const

/** The distributor's commissions: totals per status and currency, then each line with its reason. */
export default function CommissionList({ lines, totals, count }: { lines: StoreCommissionLine[]; totals: CommissionTotals; count: number }) {
  // A status with nothing in it shows 0 in a currency the distributor earns in (none yet: a dash).
  const known = Object.values(totals).flatMap((amounts) => Object.keys(amounts ?? {}))[0] ?? lines[0]?.currency_code
  const nothing = known ? money(0, known) : "–"
  return (
    <div className="flex flex-col gap-y-6">
      <dl className="grid grid-cols-3 gap-4" data-testid="commission-totals">
        {(Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((status) => {
          const amounts = Object.entries(totals[status] ?? {})
          return (
            <div key={status} className="flex flex-col gap-y-1 rounded-rounded border border-ui-border-base p-4" data-testid={`total-${status}`}>
              <dt className="txt-compact-small text-ui-fg-subtle">{STATUS_LABEL[status]}</dt>
              <dd className="txt-large-plus">
                {amounts.length ? amounts.map(([currency, amount]) => <div key={currency}>{money(amount, currency)}</div>) : nothing}
              </dd>
            </div>
          )
        })}
      </dl>
      {lines.length === 0 ? (
        <p className="txt-medium text-ui-fg-subtle">No commissions yet. They appear here as soon as an order through your link or your team is placed.</p>
      ) : (
        <table className="w-full txt-compact-small" data-testid="commission-lines">
          <thead>
            <tr className="text-left text-ui-fg-subtle border-b border-ui-border-base">
              <th className="py-2 font-normal">What for</th>
              <th className="py-2 font-normal">Status</th>
              <th className="py-2 font-normal text-right">Amount</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id} className="border-b border-ui-border-base" data-testid="commission-line">
                <td className="py-2 pr-4">{explainLine(line)}</td>
                <td className="py-2 pr-4">
                  {line.status}
                  {line.status === "pending" ? ` until ${day(line.hold_until)}` : ""}
                </td>
                <td className="py-2 text-right tabular-nums">{money(line.amount, line.currency_code)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {count > lines.length && <p className="txt-compact-small text-ui-fg-subtle">The latest {lines.length} of {count} lines.</p>}
    </div>
  )
}
