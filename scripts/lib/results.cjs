// Merges one bench's figures into bench-results/latest.json (with the time of the run), so figures
// can be compared from run to run. CommonJS, so both the TypeScript benches and the .mjs ones use it.
const fs = require("node:fs")
const path = require("node:path")

function recordResults(section, figures) {
  const outDir = path.join(__dirname, "..", "..", "bench-results")
  fs.mkdirSync(outDir, { recursive: true })
  const file = path.join(outDir, "latest.json")
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {}
  current[section] = { ...figures, measured_at: new Date().toISOString() }
  fs.writeFileSync(file, JSON.stringify(current, null, 2))
}

/** The value at percentile p (nearest rank) of a list of numbers. */
function percentile(values, p) {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]
}

module.exports = { recordResults, percentile }
