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

/** The value at quantile q (0-1) of a list of numbers, interpolated between neighbours. */
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  return sorted[Math.floor(at)] + (sorted[Math.ceil(at)] - sorted[Math.floor(at)]) * (at - Math.floor(at))
}

/**
 * How far a ratio of two rates measured side by side could move with the machine's noise: the
 * rotations (each one `a[k]` and `b[k]`, measured next to each other) are drawn with replacement
 * `draws` times (a paired bootstrap), and `ratio(a', b')` is computed for each draw. Returns the
 * `level` interval of those ratios, [low, high]. The draws come from a fixed seed, so the same
 * figures give the same interval.
 */
function pairedBootstrap(a, b, ratio, { draws = 4000, level = 0.9, seed = 1 } = {}) {
  if (a.length !== b.length || !a.length) throw new Error("pairedBootstrap needs two lists of the same non-zero length")
  let state = seed >>> 0
  // mulberry32: a small seeded generator (Math.random cannot be seeded)
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const ratios = []
  for (let d = 0; d < draws; d++) {
    const picks = a.map(() => Math.floor(random() * a.length))
    ratios.push(ratio(picks.map((k) => a[k]), picks.map((k) => b[k])))
  }
  return [quantile(ratios, (1 - level) / 2), quantile(ratios, 1 - (1 - level) / 2)]
}

module.exports = { recordResults, percentile, quantile, pairedBootstrap }
