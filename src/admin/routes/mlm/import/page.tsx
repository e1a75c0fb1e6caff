import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Alert, Button, Container, Heading, Label, Table, Text, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { errorMessage, ImportRefused, useImportNetwork, useRunProgress } from "../../../lib/api"
import { count } from "../../../lib/format"
import { ProgressBar } from "../../../components/progress-bar"
import type { ImportNetworkResult } from "../../../../types/import"
import type { RunProgress } from "../../../../types/progress"

const COLUMNS = "handle, email, sponsor_handle, display_name, status, enrolled_at"

/** What a phase of the import says while it runs. */
function phaseText(p: RunProgress): string {
  const of = `${count(p.done)} of ${count(p.total)}`
  const took = `${p.percent} %, ${(p.elapsed_ms / 1000).toFixed(1)} s`
  if (p.phase === "customers") return `Creating customers: ${of} (${took})`
  if (p.phase === "distributors") return `Writing distributors: ${of} (${took})`
  if (p.phase === "finished") return `Finishing (${took})`
  return `Checking the file: ${of} e-mails looked up (${took})`
}

function Outcome({ result }: { result: ImportNetworkResult & { dry_run: boolean } }) {
  const toCreate = result.rows - result.customers_matched
  return result.dry_run ? (
    <Alert variant="success" data-testid="mlm-import-checked">
      The file is valid: {count(result.rows)} rows. {count(result.customers_matched)} are customers of the shop already; {count(toCreate)} customers
      would be created. Nothing was written.
    </Alert>
  ) : (
    <Alert variant="success" data-testid="mlm-import-done">
      Imported {count(result.written)} distributors: {count(result.customers_created)} customers created, {count(result.customers_matched)} matched by
      e-mail. They are in the <Link className="text-ui-fg-interactive" to="/mlm">network list</Link>.
    </Alert>
  )
}

function Problems({ error }: { error: unknown }) {
  const refusal = error instanceof ImportRefused ? error.refusal : null
  const rows = refusal?.errors ?? []
  return (
    <div className="flex flex-col gap-y-3" data-testid="mlm-import-problems">
      <Alert variant="error">{refusal ? refusal.message : `The import failed: ${errorMessage(error)}`}</Alert>
      {rows.length > 0 && (
        <>
          {(refusal?.error_count ?? 0) > rows.length && (
            <Text size="small" className="text-ui-fg-subtle">The first {count(rows.length)} of {count(refusal!.error_count!)} problems:</Text>
          )}
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Line</Table.HeaderCell>
                <Table.HeaderCell>Handle</Table.HeaderCell>
                <Table.HeaderCell>Problem</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows.map((e, i) => (
                <Table.Row key={`${e.line}-${i}`}>
                  <Table.Cell>{e.line}</Table.Cell>
                  <Table.Cell className="font-mono">{e.handle || "—"}</Table.Cell>
                  <Table.Cell>{e.reason}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </>
      )}
    </div>
  )
}

/**
 * Network → Import: a network from another system as a CSV file. "Check file" only validates it;
 * "Import" writes it whole or not at all, showing how far it is while it runs.
 */
const ImportPage = () => {
  const prompt = usePrompt()
  const [file, setFile] = useState<File | null>(null)
  const run = useImportNetwork()
  const { progress, start: startProgress } = useRunProgress("import", run.isPending)

  const start = async (dryRun: boolean) => {
    if (!file) return
    if (!dryRun) {
      const ok = await prompt({
        title: `Import ${file.name}?`,
        description:
          "Every row is checked first; nothing is written unless all of them are valid. Customers are matched by e-mail or created, and everyone joins the member group. A large file locks the network while it is written.",
        confirmText: "Import",
        cancelText: "Cancel",
      })
      if (!ok) return
    }
    run.mutate({ file, dry_run: dryRun, progress_key: startProgress() })
  }

  return (
    <Container className="flex flex-col gap-y-4 p-6" data-testid="mlm-import">
      <div>
        <Heading level="h1">Import a network</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          A CSV file with the columns {COLUMNS} (only handle and email are required). Sponsors may come after their recruits, or be distributors of
          the shop already. Dates are ISO 8601; status is active, inactive or terminated.
        </Text>
      </div>
      <div className="flex items-end gap-x-3">
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="import-file">Network file</Label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            className="text-ui-fg-base txt-compact-small"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null)
              run.reset()
            }}
          />
        </div>
        <Button size="small" variant="secondary" disabled={!file || run.isPending} onClick={() => start(true)}>
          Check file
        </Button>
        <Button size="small" disabled={!file} isLoading={run.isPending} onClick={() => start(false)}>
          Import
        </Button>
      </div>
      {progress && <ProgressBar label="Import progress" percent={progress.percent} text={phaseText(progress)} />}
      {run.data && <Outcome result={run.data.import} />}
      {run.error && <Problems error={run.error} />}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Import", rank: 6 })

export default ImportPage
