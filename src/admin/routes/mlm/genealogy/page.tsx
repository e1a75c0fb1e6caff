import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, IconButton, Input, Text } from "@medusajs/ui"
import { ChevronDownMini, ChevronRightMini } from "@medusajs/icons"
import { useQueries } from "@tanstack/react-query"
import { useVirtualizer } from "@tanstack/react-virtual"
import { useEffect, useMemo, useRef, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import type { AdminDistributor } from "../../../../types/admin"
import { FRONTLINE_PAGE, frontlinePageQuery, useDistributor, useDistributors } from "../../../lib/api"
import { count } from "../../../lib/format"
import { DistributorActions } from "../../../components/distributor-actions"
import { DistributorStatusBadge, Failed } from "../../../components/status"

type Row =
  | { type: "node"; distributor: AdminDistributor; depth: number; expanded: boolean }
  | { type: "more"; parentId: string; depth: number; loaded: number; total: number; loading: boolean }

const ROW_HEIGHT = 40

/**
 * The genealogy explorer: an indented tree virtualized with @tanstack/react-virtual (only the rows on
 * screen are in the DOM, so a frontline of 10,000 scrolls like one of 10). Children load on expand,
 * 100 at a time, and the next page loads when its row scrolls into view. Any node can become the root.
 */
const GenealogyPage = () => {
  const [params, setParams] = useSearchParams()
  const rootId = params.get("root")
  const [pages, setPages] = useState<Record<string, number>>({}) // expanded node -> frontline pages loaded
  useEffect(() => setPages(rootId ? { [rootId]: 1 } : {}), [rootId])

  const top = useDistributors({ top: true, limit: 100, offset: 0 }, !rootId)
  const root = useDistributor(rootId ?? undefined)
  const roots: AdminDistributor[] = rootId ? (root.data ? [root.data.distributor as AdminDistributor] : []) : top.data?.distributors ?? []

  const wanted = useMemo(
    () => Object.entries(pages).flatMap(([id, n]) => Array.from({ length: n }, (_, page) => ({ id, page }))),
    [pages]
  )
  const results = useQueries({ queries: wanted.map(({ id, page }) => frontlinePageQuery(id, page)) })
  const children = new Map<string, { items: AdminDistributor[]; total: number; loading: boolean }>()
  wanted.forEach(({ id }, i) => {
    const entry = children.get(id) ?? { items: [], total: 0, loading: false }
    const result = results[i]
    if (result.data) {
      entry.items.push(...result.data.distributors)
      entry.total = result.data.count
    }
    entry.loading ||= result.isLoading
    children.set(id, entry)
  })

  const rows: Row[] = []
  const walk = (d: AdminDistributor, depth: number) => {
    const open = !!pages[d.id]
    rows.push({ type: "node", distributor: d, depth, expanded: open })
    if (!open) return
    const kids = children.get(d.id)
    for (const kid of kids?.items ?? []) walk(kid, depth + 1)
    const loaded = kids?.items.length ?? 0
    const total = kids?.total ?? d.frontline_count
    if (kids?.loading || loaded < total) rows.push({ type: "more", parentId: d.id, depth: depth + 1, loaded, total, loading: !!kids?.loading })
  }
  roots.forEach((d) => walk(d, 0))

  const toggle = (id: string) =>
    setPages((p) => {
      const next = { ...p }
      if (next[id]) delete next[id]
      else next[id] = 1
      return next
    })
  const loadMore = (id: string) => setPages((p) => ({ ...p, [id]: (p[id] ?? 0) + 1 }))

  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 })
  const error = top.error ?? root.error

  return (
    <Container className="flex flex-col gap-y-3 p-0">
      <div className="flex flex-wrap items-start justify-between gap-3 px-6 pt-4">
        <div>
          <Heading level="h1">Genealogy</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {rootId && root.data
              ? `${root.data.distributor.handle}'s team: ${count(root.data.distributor.downline_count)} distributors below, ${count(root.data.distributor.frontline_count)} on the frontline`
              : "The top of the network. Expand a distributor to see their frontline, or open any of them as the root."}
          </Text>
          {rootId && root.data && (
            <Text size="small" aria-label="Path to the root">
              <button className="text-ui-fg-interactive hover:underline" onClick={() => setParams({})}>Top</button>
              {[...root.data.distributor.upline].reverse().map((u) => (
                <span key={u.id}> / <button className="text-ui-fg-interactive hover:underline" onClick={() => setParams({ root: u.id })}>{u.handle}</button></span>
              ))}
              {" / "}{root.data.distributor.handle}
            </Text>
          )}
        </div>
        <Search onPick={(id) => setParams({ root: id })} />
      </div>
      {error ? <Failed error={error} what="the genealogy" /> : null}
      <div ref={scroller} className="h-[600px] overflow-auto border-t" data-testid="genealogy-tree">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]
            return (
              <div
                key={row.type === "node" ? `n:${row.distributor.id}:${item.index}` : `m:${row.parentId}`}
                style={{ position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                className="flex items-center border-b px-4"
                role="treeitem"
                aria-level={row.depth + 1}
                aria-expanded={row.type === "node" && row.distributor.frontline_count > 0 ? row.expanded : undefined}
              >
                <div style={{ width: row.depth * 20 }} className="shrink-0" />
                {row.type === "node" ? (
                  <NodeRow row={row} onToggle={() => toggle(row.distributor.id)} onRoot={() => setParams({ root: row.distributor.id })} />
                ) : (
                  <MoreRow row={row} onMore={() => loadMore(row.parentId)} />
                )}
              </div>
            )
          })}
        </div>
      </div>
      <Text size="xsmall" className="text-ui-fg-muted px-6 pb-3">
        {count(rows.filter((r) => r.type === "node").length)} distributors loaded · {count(virtualizer.getVirtualItems().length)} rows drawn
      </Text>
    </Container>
  )
}

function NodeRow({ row, onToggle, onRoot }: { row: Extract<Row, { type: "node" }>; onToggle: () => void; onRoot: () => void }) {
  const d = row.distributor
  return (
    <div className="flex w-full items-center gap-x-2">
      {d.frontline_count > 0 ? (
        <IconButton size="2xsmall" variant="transparent" aria-label={`${row.expanded ? "Collapse" : "Expand"} ${d.handle}`} onClick={onToggle}>
          {row.expanded ? <ChevronDownMini /> : <ChevronRightMini />}
        </IconButton>
      ) : (
        <span className="w-6" />
      )}
      <Link to={`/mlm/distributors/${d.id}`} className="text-ui-fg-interactive txt-compact-small-plus hover:underline">{d.handle}</Link>
      <Text size="small" className="text-ui-fg-subtle truncate">{d.display_name}</Text>
      <DistributorStatusBadge status={d.status} />
      <Badge size="2xsmall" color="grey" title="Frontline / whole team below">
        {count(d.frontline_count)} frontline · team {count(d.downline_count)}
      </Badge>
      <div className="ml-auto flex items-center gap-x-1">
        <Button size="small" variant="transparent" onClick={onRoot}>Open as root</Button>
        <DistributorActions distributor={d} />
      </div>
    </div>
  )
}

function MoreRow({ row, onMore }: { row: Extract<Row, { type: "more" }>; onMore: () => void }) {
  // The row scrolled into view: load the next page (once it is not loading already).
  useEffect(() => {
    if (!row.loading && row.loaded < row.total) onMore()
  }, [row.loading, row.loaded])
  return (
    <Text size="small" className="text-ui-fg-subtle">
      {row.loading ? "Loading…" : `${count(row.loaded)} of ${count(row.total)} shown`}
      {!row.loading && row.loaded < row.total && <> · <button className="text-ui-fg-interactive" onClick={onMore}>Load {Math.min(FRONTLINE_PAGE, row.total - row.loaded)} more</button></>}
    </Text>
  )
}

/** Find a distributor by handle, name or e-mail and open them as the root. */
function Search({ onPick }: { onPick: (id: string) => void }) {
  const [q, setQ] = useState("")
  const term = q.trim()
  const { data, isFetching } = useDistributors({ q: term, limit: 8, offset: 0 }, term.length >= 2)
  return (
    <div className="relative w-72">
      <Input size="small" type="search" placeholder="Find by handle, name or e-mail" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Find a distributor" />
      {term.length >= 2 && (
        <div className="bg-ui-bg-base shadow-elevation-flyout absolute z-10 mt-1 w-full rounded-md p-1" role="listbox">
          {data?.distributors.map((d) => (
            <button key={d.id} role="option" className="hover:bg-ui-bg-base-hover flex w-full items-center gap-x-2 rounded px-2 py-1 text-left" onClick={() => { onPick(d.id); setQ("") }}>
              <Text size="small" weight="plus">{d.handle}</Text>
              <Text size="small" className="text-ui-fg-subtle truncate">{d.display_name}</Text>
            </button>
          ))}
          {data && !data.distributors.length && !isFetching && <Text size="small" className="px-2 py-1">Nobody matches '{term}'</Text>}
        </div>
      )}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Genealogy", rank: 1 })

export default GenealogyPage
