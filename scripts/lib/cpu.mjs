// CPU seconds (user + system) read from /proc, for the benches that run Medusa processes (Linux; null elsewhere).
import fs from "node:fs"

/** CPU seconds of one process. */
export function processCpu(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

/** CPU seconds of all PostgreSQL processes on this machine. */
export function postgresCpu() {
  try {
    let total = 0
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        if (fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes("(postgres)")) total += processCpu(pid) ?? 0
      } catch {}
    }
    return total
  } catch {
    return null
  }
}

/** The whole machine's busy CPU seconds (every process), from /proc/stat. */
export function machineCpu() {
  try {
    const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number)
    return (user + nice + system + irq + softirq + steal) / 100
  } catch {
    return null
  }
}
