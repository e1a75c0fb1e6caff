/**
 * A network import (POST /admin/mlm/imports, the import-network script): one type per answer, shared
 * by the planner, the workflow, the route and the admin's Import page.
 */

/** A row the import refuses: its line in the file (the header is line 1), its handle and why. */
export type ImportError = { line: number; handle: string; reason: string }

/** What an import did, or would do (`dry_run`). */
export type ImportNetworkResult = {
  import_id: string
  rows: number
  valid: boolean
  errors: ImportError[]
  written: number
  customers_matched: number
  customers_created: number
}

/** 201 (200 for a dry run): `{ import }`. */
export type ImportAnswer = { import: ImportNetworkResult & { dry_run: boolean } }

/** 400 when a row is invalid: the first 1,000 problems by line and how many there are in all. */
export type ImportRefusal = { type: "invalid_data"; message: string; errors?: ImportError[]; error_count?: number }
