/**
 * PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2):
 * columns separated by a tab, rows ended by a newline, NULL written `\N`, and a backslash, tab,
 * newline or carriage return inside a value escaped with a backslash.
 */
const HAS_SPECIAL = /[\\\t\n\r]/
const SPECIAL = /[\\\t\n\r]/g
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" }

export function copyTextValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "\\N"
  const text = String(value)
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c]) : text
}

/** One row of COPY text, newline included. */
export const copyTextRow = (values: (string | number | null | undefined)[]) => values.map(copyTextValue).join("\t") + "\n"
