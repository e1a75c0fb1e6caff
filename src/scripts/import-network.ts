import fs from "fs"
import { ExecArgs } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import { parseImportCsv } from "../modules/network/utils/import"
import { importNetworkWorkflow } from "../workflows/network/workflows/import-network"

/**
 * Imports a network from a CSV file, the same way as POST /admin/mlm/imports:
 *   npx medusa exec ./node_modules/medusa-plugin-mlm/.medusa/server/src/scripts/import-network.js network.csv [--dry-run]
 * Nothing is written unless every row is valid; the problems are printed by line number.
 */
export default async function importNetwork({ container, args }: ExecArgs) {
  const logger = container.resolve("logger")
  const file = args.find((arg) => !arg.startsWith("--"))
  const dryRun = args.includes("--dry-run")
  if (!file) throw new Error("Usage: medusa exec <this script> network.csv [--dry-run]")

  const started = Date.now()
  logger.info(`mlm import: reading ${file}`)
  const { rows, problems } = parseImportCsv(fs.readFileSync(file, "utf8"))
  if (problems.length) throw new Error(`${file} cannot be read: ${problems.join("; ")}`)
  logger.info(`mlm import: ${rows.length.toLocaleString("en")} rows read; checking every row${dryRun ? " (dry run)" : ""}`)

  const { result } = await importNetworkWorkflow(container).run({
    input: { rows, import_id: generateEntityId(undefined, "mlmimp"), dry_run: dryRun },
  })
  if (!result.valid) {
    for (const error of result.errors.slice(0, 100)) logger.error(`line ${error.line} (${error.handle || "no handle"}): ${error.reason}`)
    if (result.errors.length > 100) logger.error(`... and ${result.errors.length - 100} more`)
    throw new Error(`${result.errors.length} problem(s) in ${file}; nothing was imported`)
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  logger.info(
    dryRun
      ? `mlm import: all ${rows.length.toLocaleString("en")} rows are valid (dry run, nothing written) in ${seconds} s`
      : `mlm import ${result.import_id}: ${result.written.toLocaleString("en")} distributors imported ` +
          `(${result.customers_matched} customers matched, ${result.customers_created} created) in ${seconds} s`
  )
}
