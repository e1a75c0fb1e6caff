import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { stringify } from "csv-stringify"
import { once } from "node:events"
import { LEDGER_CSV_COLUMNS, ledgerCsvRow, ordersById, resolveCommission } from "../../../../utils/commission"
import type { AdminExportCommissionsQueryType } from "../../validators"

/**
 * The filtered ledger as CSV (RFC 4180, header row, oldest first), streamed 1,000 lines at a time so
 * a large ledger never sits in memory. Amounts are exact decimal strings in major units.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminExportCommissionsQueryType>, res: MedusaResponse) {
  const filter = req.validatedQuery as AdminExportCommissionsQueryType
  const commission = resolveCommission(req.scope)
  const stamp = new Date().toISOString().slice(0, 10)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="mlm-ledger-${stamp}.csv"`)
  const csv = stringify({ header: true, columns: [...LEDGER_CSV_COLUMNS] })
  csv.pipe(res)
  await commission.eachLedgerBatch(filter, 1000, async (lines) => {
    const orders = await ordersById(req.scope, lines.map((l) => l.order_id))
    for (const line of lines) {
      if (!csv.write(ledgerCsvRow(line, orders.get(line.order_id)?.display_id ?? null))) await once(csv, "drain")
    }
  })
  csv.end()
  await once(res, "finish")
}
