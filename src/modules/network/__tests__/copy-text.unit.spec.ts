import fc from "fast-check"
import { copyTextRow, copyTextValue } from "../utils/copy-text"

/** PostgreSQL's reading of one COPY text field (the escapes copyTextValue writes). */
const readField = (field: string): string | null =>
  field === "\\N" ? null : field.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r", "\\": "\\" })[c] ?? c)

describe("copyTextValue", () => {
  it("writes NULL as \\N and escapes backslash, tab, newline and carriage return", () => {
    expect(copyTextValue(null)).toBe("\\N")
    expect(copyTextValue(undefined)).toBe("\\N")
    expect(copyTextValue(12)).toBe("12")
    expect(copyTextValue('Mo \\ "The Boss"')).toBe('Mo \\\\ "The Boss"')
    expect(copyTextValue("a\tb\nc\rd")).toBe("a\\tb\\nc\\rd")
    expect(copyTextValue("\\N")).toBe("\\\\N") // the text \N, not NULL
  })

  it("round-trips any row: the fields read back are the values written, one line per row", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: "binary" }), { nil: null }), { minLength: 1, maxLength: 8 }), (values) => {
        const line = copyTextRow(values)
        expect(line.endsWith("\n")).toBe(true)
        const body = line.slice(0, -1)
        expect(body).not.toMatch(/[\n\r]/)
        expect(body.split("\t").map(readField)).toEqual(values)
      })
    )
  })
})
