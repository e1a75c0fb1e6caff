import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading, Input, Label, Prompt, Switch, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { errorMessage, usePlanVersions, useSavePlan, useSetWholesale, useWholesale } from "../../../lib/api"
import { checkPlanForm, formOf, planDiff, PlanDraft, PlanForm, RankForm, tenThousandths } from "../../../lib/plan-form"
import { dateTime } from "../../../lib/format"
import { Failed, Loading } from "../../../components/status"
import { PlanTrial } from "../../../components/plan-trial"

const FieldError = ({ id, message }: { id: string; message: string | null }) =>
  message ? <Text id={id} size="xsmall" className="text-ui-fg-error" role="alert">{message}</Text> : null

/** Tier percentages per level (each may ask for a rank), activity and the rank ladder; saving makes a new immutable version after a confirmation with the diff. */
function PlanEditor() {
  const { data, isLoading, error } = usePlanVersions()
  const save = useSavePlan()
  const active = data?.versions[0] ?? null
  const [form, setForm] = useState<PlanForm>(formOf(null))
  const [confirm, setConfirm] = useState<{ plan: PlanDraft; changes: string[] } | null>(null)
  useEffect(() => setForm(formOf(active)), [active?.version])
  const { errors, plan } = useMemo(() => checkPlanForm(form), [form])
  const set = (patch: Partial<PlanForm>) => setForm((f) => ({ ...f, ...patch }))
  const setLevel = (i: number, value: string) => set({ levels: form.levels.map((p, j) => (j === i ? value : p)) })
  const setLevelRank = (i: number, value: string) => set({ level_ranks: form.levels.map((_, j) => (j === i ? value : form.level_ranks[j] ?? "")) })
  const setRank = (i: number, patch: Partial<RankForm>) => set({ ranks: form.ranks.map((r, j) => (j === i ? { ...r, ...patch } : r)) })
  const rankNames = form.ranks.map((r) => r.name.trim()).filter(Boolean)

  const submit = async () => {
    if (!confirm) return
    try {
      const { plan: saved } = await save.mutateAsync(confirm.plan)
      toast.success(`Version ${saved.version} is active. Orders placed from now on earn under it.`)
    } catch (e) {
      toast.error(`The plan was not saved: ${errorMessage(e)}`)
    } finally {
      setConfirm(null)
    }
  }

  if (error) return <Container><Failed error={error} what="the plan" /></Container>
  if (isLoading) return <Container><Loading what="the plan" /></Container>
  const changes = plan ? planDiff(active, plan) : []
  return (
    <Container className="flex flex-col gap-y-4 px-6 py-4">
      <div>
        <Heading level="h1">Compensation plan</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {active
            ? `Version ${active.version} is active since ${dateTime(active.created_at)}. Saving makes a new version; lines already written keep theirs.`
            : "No plan yet: orders earn nothing until you save one."}
        </Text>
      </div>
      <div className="flex flex-col gap-y-2" role="group" aria-label="Levels">
        {form.levels.map((percent, i) => (
          <div key={i} className="flex items-start gap-x-2">
            <Label htmlFor={`level-${i + 1}`} className="w-20 pt-1.5">Level {i + 1}</Label>
            <div className="flex flex-col gap-y-1">
              <div className="flex items-center gap-x-2">
                <Input
                  id={`level-${i + 1}`}
                  size="small"
                  className="w-28"
                  inputMode="decimal"
                  value={percent}
                  aria-invalid={!!errors.levels[i]}
                  aria-describedby={`level-${i + 1}-error`}
                  onChange={(e) => setLevel(i, e.target.value)}
                />
                <Text size="small">%</Text>
                <select
                  aria-label={`Rank level ${i + 1} asks for`}
                  className="txt-small rounded-md border border-ui-border-base bg-ui-bg-field px-2 py-1"
                  value={form.level_ranks[i] ?? ""}
                  onChange={(e) => setLevelRank(i, e.target.value)}
                >
                  <option value="">any rank</option>
                  {[...new Set([...rankNames, ...(form.level_ranks[i] ? [form.level_ranks[i]] : [])])].map((name) => (
                    <option key={name} value={name}>{`${name} or higher`}</option>
                  ))}
                </select>
              </div>
              <FieldError id={`level-${i + 1}-error`} message={errors.levels[i]} />
              <FieldError id={`level-${i + 1}-rank-error`} message={errors.level_ranks[i]} />
            </div>
          </div>
        ))}
      </div>
      <div className="flex gap-x-2">
        <Button size="small" variant="secondary" disabled={form.levels.length >= 50} onClick={() => set({ levels: [...form.levels, "1"], level_ranks: [...form.level_ranks, ""] })}>Add level</Button>
        <Button size="small" variant="secondary" disabled={form.levels.length <= 1} onClick={() => set({ levels: form.levels.slice(0, -1), level_ranks: form.level_ranks.slice(0, form.levels.length - 1) })}>Remove last level</Button>
      </div>
      <div className="grid max-w-2xl grid-cols-2 gap-4">
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="cap">Cap: most a single order may pay in total (%)</Label>
          <Input id="cap" size="small" className="w-28" inputMode="decimal" value={form.max_payout_percent} aria-invalid={!!errors.max_payout_percent} onChange={(e) => set({ max_payout_percent: e.target.value })} />
          <FieldError id="cap-error" message={errors.max_payout_percent} />
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="hold">Hold before approval (days)</Label>
          <Input id="hold" size="small" className="w-28" inputMode="numeric" value={form.hold_days} aria-invalid={!!errors.hold_days} onChange={(e) => set({ hold_days: e.target.value })} />
          <FieldError id="hold-error" message={errors.hold_days} />
        </div>
        <div className="col-span-2 flex flex-col gap-y-1">
          <Label htmlFor="min-payout">Minimum payout per currency (smaller balances carry to the next run), e.g. "eur 50, usd 40"</Label>
          <Input id="min-payout" size="small" className="w-72" value={form.min_payout} aria-invalid={!!errors.min_payout} onChange={(e) => set({ min_payout: e.target.value })} />
          <FieldError id="min-payout-error" message={errors.min_payout} />
        </div>
        <div className="flex items-center gap-x-2">
          <Switch id="compression" checked={form.compression} onCheckedChange={(compression) => set({ compression })} />
          <Label htmlFor="compression">Compression: skip inactive distributors, the next one up earns their level</Label>
        </div>
        <div className="flex items-center gap-x-2">
          <Switch id="retail-profit" checked={form.retail_profit} onCheckedChange={(retail_profit) => set({ retail_profit })} />
          <Label htmlFor="retail-profit">Retail profit: the credited distributor also earns retail minus member price</Label>
        </div>
      </div>
      <div className="flex flex-col gap-y-2" role="group" aria-label="Activity">
        <Heading level="h2">Activity</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          A distributor is active when their own PV over the window (the order's day and the days before it) reaches the minimum. Only the active earn; under compression the next active one up takes the level.
        </Text>
        <div className="flex items-start gap-x-4">
          <div className="flex flex-col gap-y-1">
            <Label htmlFor="min-pv">Minimum PV</Label>
            <Input id="min-pv" size="small" className="w-28" inputMode="decimal" value={form.min_pv} aria-invalid={!!errors.min_pv} onChange={(e) => set({ min_pv: e.target.value })} />
            <FieldError id="min-pv-error" message={errors.min_pv} />
          </div>
          <div className="flex flex-col gap-y-1">
            <Label htmlFor="window-days">Window (days)</Label>
            <Input id="window-days" size="small" className="w-28" inputMode="numeric" value={form.window_days} aria-invalid={!!errors.window_days} onChange={(e) => set({ window_days: e.target.value })} />
            <FieldError id="window-days-error" message={errors.window_days} />
          </div>
        </div>
      </div>
      <div className="flex flex-col gap-y-2" role="group" aria-label="Ranks">
        <Heading level="h2">Ranks</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Lowest first. A rank is reached when PV, group volume (own and downline, same window) and active legs all reach its minimums; a level may ask for a rank.
        </Text>
        {form.ranks.map((rank, i) => (
          <div key={i} className="flex flex-col gap-y-1">
            <div className="flex items-center gap-x-2">
              <Input aria-label={`Rank ${i + 1} name`} size="small" className="w-32" placeholder="Name" value={rank.name} onChange={(e) => setRank(i, { name: e.target.value })} />
              <Input aria-label={`Rank ${i + 1} minimum PV`} size="small" className="w-24" inputMode="decimal" value={rank.min_pv} onChange={(e) => setRank(i, { min_pv: e.target.value })} />
              <Text size="small">PV</Text>
              <Input aria-label={`Rank ${i + 1} minimum GV`} size="small" className="w-28" inputMode="decimal" value={rank.min_gv} onChange={(e) => setRank(i, { min_gv: e.target.value })} />
              <Text size="small">GV</Text>
              <Input aria-label={`Rank ${i + 1} active legs`} size="small" className="w-20" inputMode="numeric" value={rank.min_active_legs} onChange={(e) => setRank(i, { min_active_legs: e.target.value })} />
              <Text size="small">active legs</Text>
              <Button size="small" variant="transparent" onClick={() => set({ ranks: form.ranks.filter((_, j) => j !== i) })}>Remove</Button>
            </div>
            <FieldError id={`rank-${i + 1}-error`} message={errors.ranks[i]} />
          </div>
        ))}
        <div>
          <Button size="small" variant="secondary" disabled={form.ranks.length >= 20} onClick={() => {
            const last = form.ranks[form.ranks.length - 1]
            set({ ranks: [...form.ranks, { name: "", min_pv: last?.min_pv ?? "0", min_gv: last ? String(Number(last.min_gv) * 2 || 100) : "0", min_active_legs: last?.min_active_legs ?? "0" }] })
          }}>Add rank</Button>
        </div>
      </div>
      <Text size="small">
        Levels add up to {plan ? `${form.levels.reduce((s, t) => s + tenThousandths(t)!, 0) / 10000} %` : "—"} of the commission basis (cap {form.max_payout_percent} %).
      </Text>
      <FieldError id="total-error" message={errors.total} />
      <PlanTrial plan={plan} />
      <div className="flex items-center gap-x-3">
        <Button size="small" disabled={!plan || !changes.length} isLoading={save.isPending} onClick={() => plan && setConfirm({ plan, changes })}>
          Save as new version
        </Button>
        {plan && !changes.length && <Text size="small" className="text-ui-fg-subtle">No changes from version {active?.version}.</Text>}
        {!plan && <Text size="small" className="text-ui-fg-error">Fix the fields marked above to save.</Text>}
      </div>
      <Prompt variant="confirmation" open={!!confirm} onOpenChange={(open) => !open && setConfirm(null)}>
        <Prompt.Content>
          <Prompt.Header>
            <Prompt.Title>{active ? `Save version ${active.version + 1}?` : "Save the first plan?"}</Prompt.Title>
            <Prompt.Description asChild>
              <div className="flex flex-col gap-y-2">
                <span>{active ? `Changes from version ${active.version}:` : "The plan:"}</span>
                <ul className="list-disc pl-5">
                  {confirm?.changes.map((c) => <li key={c}>{c}</li>)}
                </ul>
                <span>Orders placed from now on earn under the new version.</span>
              </div>
            </Prompt.Description>
          </Prompt.Header>
          <Prompt.Footer>
            <Prompt.Cancel>Cancel</Prompt.Cancel>
            <Prompt.Action onClick={submit}>Save version</Prompt.Action>
          </Prompt.Footer>
        </Prompt.Content>
      </Prompt>
    </Container>
  )
}

function MemberPrices() {
  const { data } = useWholesale()
  const setWholesale = useSetWholesale()
  const [discount, setDiscount] = useState("")
  const value = Number(discount)
  const invalid = discount.trim() !== "" && !(value >= 0 && value <= 100)
  const apply = async () => {
    try {
      await setWholesale.mutateAsync(value)
      toast.success("Member prices refreshed")
      setDiscount("")
    } catch (e) {
      toast.error(errorMessage(e))
    }
  }
  const w = data?.wholesale
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4">
      <Heading level="h2">Member (wholesale) prices</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        {w ? `${w.discount_percent}% off retail · ${w.price_count} prices · refreshed ${dateTime(w.refreshed_at)}` : "No member price list yet. Members see retail prices."}
      </Text>
      <div className="flex items-center gap-x-2">
        <Label htmlFor="discount">Discount %</Label>
        <Input id="discount" size="small" className="w-24" value={discount} placeholder={String(w?.discount_percent ?? 20)} aria-invalid={invalid} onChange={(e) => setDiscount(e.target.value)} />
        <Button size="small" variant="secondary" disabled={!discount.trim() || invalid} isLoading={setWholesale.isPending} onClick={apply}>Set and refresh</Button>
      </div>
      {invalid && <Text size="xsmall" className="text-ui-fg-error">Enter a discount from 0 to 100 %</Text>}
    </Container>
  )
}

function Versions() {
  const { data } = usePlanVersions()
  return (
    <Container className="p-0">
      <Heading level="h2" className="px-6 py-4">Versions</Heading>
      <Table>
        <Table.Body>
          {data?.versions.map((v) => (
            <Table.Row key={v.version}>
              <Table.Cell>v{v.version}</Table.Cell>
              <Table.Cell>{v.levels.map((l) => `${l.percent}%${l.min_rank ? ` (${l.min_rank})` : ""}`).join(" / ")}</Table.Cell>
              <Table.Cell>
                cap {v.max_payout_percent}% · hold {v.hold_days} days · compression {v.compression ? "on" : "off"} · retail profit {v.retail_profit ? "on" : "off"}
                {v.activity?.min_pv ? ` · active at ${v.activity.min_pv} PV / ${v.activity.window_days} days` : ""}
                {v.ranks?.length ? ` · ranks ${v.ranks.map((r) => r.name).join(", ")}` : ""}
              </Table.Cell>
              <Table.Cell>{dateTime(v.created_at)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

const PlanPage = () => (
  <div className="flex flex-col gap-y-3">
    <PlanEditor />
    <MemberPrices />
    <Versions />
  </div>
)

export const config = defineRouteConfig({ label: "Plan", rank: 2 })

export default PlanPage
