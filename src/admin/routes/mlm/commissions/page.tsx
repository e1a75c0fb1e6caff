import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container } from "@medusajs/ui"
import { useSearchParams } from "react-router-dom"
import { LedgerTable } from "../../../components/ledger-table"

/**
 * The commission ledger: every line, filtered, totalled, explained; approve and export.
 * `?payout=` shows the lines of one payout (linked from the payouts page); the filters and the page
 * are kept in the address too (`?status=paid&distributor=anna&from=2026-11-01&page=2`).
 */
const LedgerPage = () => {
  const [params] = useSearchParams()
  const payout = params.get("payout") ?? undefined
  return (
    <Container className="divide-y p-0" data-testid="mlm-ledger">
      <LedgerTable key={payout ?? "all"} title={payout ? `Lines of payout ${payout}` : "Commission ledger"} fixed={payout ? { payout_id: payout } : {}} manage inAddress />
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Ledger", rank: 3 })

export default LedgerPage
