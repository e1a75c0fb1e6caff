import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { loadIncomeDisclosure } from "../../../../../workflows/commission/income-disclosure"
import { disclosureCsv, disclosureHtml } from "../../../../utils/disclosure-formats"
import type { AdminIncomeDisclosureQueryType } from "../../validators"
import type { IncomeDisclosureResponse, JsonOf } from "../../../../../types/admin"

/**
 * The income disclosure statement: everyone enrolled by the period's end counted, zero earners
 * included. JSON by default; `format=csv` (one row per group) or `format=html` (printable).
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminIncomeDisclosureQueryType>, res: MedusaResponse) {
  const query = req.validatedQuery as AdminIncomeDisclosureQueryType
  const report = await loadIncomeDisclosure(req.scope, query)
  const name = `income-disclosure-${report.currency_code}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}`
  if (query.format === "csv") {
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", `attachment; filename="${name}.csv"`)
    res.send(disclosureCsv(report))
    return
  }
  if (query.format === "html") {
    res.setHeader("Content-Type", "text/html; charset=utf-8")
    res.send(disclosureHtml(report))
    return
  }
  res.json({ report } satisfies JsonOf<IncomeDisclosureResponse>)
}
