import { Drawer, Heading, Text } from "@medusajs/ui"
import type { CommissionLine } from "../../types/commission-line"
import { date, dateTime, money } from "../lib/format"
import { DistributorLink, OrderLink } from "./links"
import { LineStatusBadge } from "./status"

const Row = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="grid grid-cols-[140px_1fr] gap-x-3 py-1">
    <Text size="small" className="text-ui-fg-subtle">{label}</Text>
    <div className="text-ui-fg-base txt-small">{children}</div>
  </div>
)

/** One ledger line explained: how the amount came about, from whom, under which plan, and where it is now. */
export function LineDrawer({ line, onClose }: { line: CommissionLine | null; onClose: () => void }) {
  const e = line?.explanation
  return (
    <Drawer open={!!line} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content>
        <Drawer.Header>
          <Drawer.Title>Commission line</Drawer.Title>
        </Drawer.Header>
        {line && e && (
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <div>
              <Heading level="h3">{money(line.amount, line.currency_code)} to {line.distributor_handle}</Heading>
              <Text size="small" className="text-ui-fg-subtle">
                {line.kind === "commission" || line.kind === "retail_profit"
                  ? `${money(line.basis, line.currency_code)} × ${line.percent}% at level ${line.level}`
                  : `${line.kind} at level ${line.level}`}
                {e.rounding ? `, rounded by ${e.rounding > 0 ? "+" : ""}${e.rounding} (half-up to the currency's cents)` : ""}
              </Text>
            </div>
            <div>
              <Row label="Status"><LineStatusBadge status={line.status} /></Row>
              <Row label="Distributor"><DistributorLink id={line.distributor_id} handle={line.distributor_handle} /></Row>
              <Row label="Order"><OrderLink id={line.order_id} displayId={line.order_display_id} /></Row>
              <Row label="Created">{dateTime(line.created_at)}</Row>
              <Row label="Held until">{date(line.hold_until)}</Row>
              <Row label="Payout">{line.payout_id ?? "—"}</Row>
              <Row label="Plan version">{line.plan_version ? `v${line.plan_version}` : "—"}</Row>
              <Row label="Credited through">{e.attribution_source ?? "—"}</Row>
              <Row label="Upline at the order">{e.upline.length ? e.upline.join(" → ") : "—"}</Row>
              <Row label="Skipped">
                {e.skipped.length ? e.skipped.map((s) => `${s.handle} (${s.reason})`).join(", ") : "nobody"}
              </Row>
              {e.settlement && (
                <Row label="Settlement">
                  #{e.settlement.number} after {e.settlement.trigger}: basis {money(e.settlement.basis, line.currency_code)}
                  {e.settlement.basis !== e.settlement.original_basis
                    ? ` (at placement ${money(e.settlement.original_basis, line.currency_code)})`
                    : ""}
                  {e.settlement.canceled ? ", order canceled" : ""}
                </Row>
              )}
              {line.reverses_line_id && <Row label="Takes back">{line.reverses_line_id}</Row>}
            </div>
          </Drawer.Body>
        )}
      </Drawer.Content>
    </Drawer>
  )
}
