import { Button, Container, Heading, Input, Label, Switch, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { sdk } from "../../../lib/sdk"
import { useAdminGet } from "../../../lib/use-admin-get"

type Plan = {
  version: number
  name: string
  levels: { level: number; percent: number }[]
  max_payout_percent: number
  hold_days: number
  compression: boolean
  created_at: string
}

/** Tier percentages per level; saving makes a new immutable version (a rejected plan changes nothing). */
const PlanPage = () => {
  const { data, reload } = useAdminGet<{ versions: Plan[] }>("/admin/mlm/plan/versions")
  const { data: wholesale, reload: reloadWholesale } = useAdminGet<{
    wholesale: { discount_percent: number; price_count: number; refreshed_at: string } | null
  }>("/admin/mlm/wholesale")
  const [discount, setDiscount] = useState("")
  const saveDiscount = async () => {
    try {
      await sdk.client.fetch("/admin/mlm/wholesale", { method: "POST", body: { discount_percent: Number(discount) } })
      toast.success("Member prices refreshed")
      reloadWholesale()
    } catch (e) {
      toast.error((e as Error).message)
    }
  }
  const active = data?.versions[0]
  const [levels, setLevels] = useState<string[]>(["10", "5", "3"])
  const [cap, setCap] = useState("50")
  const [holdDays, setHoldDays] = useState("30")
  const [compression, setCompression] = useState(true)
  useEffect(() => {
    if (!active) return
    setLevels(active.levels.map((l) => String(l.percent)))
    setCap(String(active.max_payout_percent))
    setHoldDays(String(active.hold_days))
    setCompression(active.compression)
  }, [active?.version])

  const save = async () => {
    try {
      await sdk.client.fetch("/admin/mlm/plan", {
        method: "POST",
        body: {
          levels: levels.map((percent, i) => ({ level: i + 1, percent: Number(percent) })),
          max_payout_percent: Number(cap),
          hold_days: Number(holdDays),
          compression,
        },
      })
      toast.success("New plan version is active")
      reload()
    } catch (e) {
      toast.error((e as Error).message)
    }
  }
  const total = levels.reduce((sum, p) => sum + (Number(p) || 0), 0)
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-4 px-6 py-4">
        <div>
          <Heading level="h1">Compensation plan</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {active ? `Version ${active.version} is active` : "No plan yet: orders earn nothing until you save one."}
          </Text>
        </div>
        {levels.map((percent, i) => (
          <div key={i} className="flex items-center gap-x-2">
            <Label className="w-20">Level {i + 1}</Label>
            <Input size="small" className="w-28" value={percent} onChange={(e) => setLevels(levels.map((p, j) => (j === i ? e.target.value : p)))} />
            <Text size="small">%</Text>
          </div>
        ))}
        <div className="flex gap-x-2">
          <Button size="small" variant="secondary" onClick={() => setLevels([...levels, "1"])}>Add level</Button>
          <Button size="small" variant="secondary" disabled={levels.length <= 1} onClick={() => setLevels(levels.slice(0, -1))}>Remove last level</Button>
        </div>
        <div className="flex items-center gap-x-4">
          <Label>Cap (max payout %)</Label>
          <Input size="small" className="w-24" value={cap} onChange={(e) => setCap(e.target.value)} />
          <Label>Hold days</Label>
          <Input size="small" className="w-24" value={holdDays} onChange={(e) => setHoldDays(e.target.value)} />
          <Label>Compression</Label>
          <Switch checked={compression} onCheckedChange={setCompression} />
        </div>
        <Text size="small">Levels add up to {total}% of the basis (cap {cap}%).</Text>
        <div><Button size="small" onClick={save}>Save as new version</Button></div>
      </Container>
      <Container className="flex flex-col gap-y-3 px-6 py-4">
        <Heading level="h2">Member (wholesale) prices</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {wholesale?.wholesale
            ? `${wholesale.wholesale.discount_percent}% off retail · ${wholesale.wholesale.price_count} prices · refreshed ${new Date(wholesale.wholesale.refreshed_at).toLocaleString()}`
            : "No member price list yet. Members see retail prices."}
        </Text>
        <div className="flex items-center gap-x-2">
          <Label>Discount %</Label>
          <Input size="small" className="w-24" value={discount} placeholder={String(wholesale?.wholesale?.discount_percent ?? 20)} onChange={(e) => setDiscount(e.target.value)} />
          <Button size="small" variant="secondary" onClick={saveDiscount}>Set and refresh</Button>
        </div>
      </Container>
      <Container className="p-0">
        <Heading level="h2" className="px-6 py-4">Versions</Heading>
        <Table>
          <Table.Body>
            {data?.versions.map((v) => (
              <Table.Row key={v.version}>
                <Table.Cell>v{v.version}</Table.Cell>
                <Table.Cell>{v.levels.map((l) => `${l.percent}%`).join(" / ")}</Table.Cell>
                <Table.Cell>cap {v.max_payout_percent}% · hold {v.hold_days} days · compression {v.compression ? "on" : "off"}</Table.Cell>
                <Table.Cell>{new Date(v.created_at).toLocaleString()}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Container>
    </div>
  )
}

export default PlanPage
