"use client"

import { loadTeamBranch } from "@lib/data/mlm"
import type { StoreDownlineMember } from "medusa-plugin-mlm/storefront"
import { useState } from "react"

/** The team as a tree that opens one member at a time (a large team is never loaded whole). */
export default function TeamTree({ frontline, total }: { frontline: StoreDownlineMember[]; total: number }) {
  if (!frontline.length) {
    return <p className="txt-medium text-ui-fg-subtle">No one has joined your team yet. Share your link to grow it.</p>
  }
  return (
    <div className="flex flex-col gap-y-2">
      <p className="txt-compact-small text-ui-fg-subtle">
        {total} {total === 1 ? "person" : "people"} in your team, {frontline.length} of them on your first level.
      </p>
      <ul className="flex flex-col gap-y-1" data-testid="team-tree">
        {frontline.map((member) => (
          <Branch key={member.handle} member={member} />
        ))}
      </ul>
    </div>
  )
}

function Branch({ member }: { member: StoreDownlineMember }) {
  const [children, setChildren] = useState<StoreDownlineMember[] | null>(null)
  const [open, setOpen] = useState(false)
  const [loading, setLoading] = useState(false)
  const toggle = async () => {
    if (!open && !children) {
      setLoading(true)
      setChildren(await loadTeamBranch(member.handle).finally(() => setLoading(false)))
    }
    setOpen(!open)
  }
  return (
    <li className="flex flex-col" data-testid="team-member" data-handle={member.handle}>
      <div className="flex items-center gap-x-2 txt-compact-medium">
        {member.team_size > 0 ? (
          <button type="button" onClick={toggle} className="w-5 text-ui-fg-subtle" aria-expanded={open} aria-label={`${open ? "Close" : "Open"} ${member.display_name}'s team`}>
            {loading ? "…" : open ? "▾" : "▸"}
          </button>
        ) : (
          <span className="w-5" />
        )}
        <span>{member.display_name}</span>
        <span className="text-ui-fg-muted txt-compact-small">
          level {member.level} · joined {new Date(member.joined_at).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" })}
          {member.team_size > 0 ? ` · team of ${member.team_size}` : ""}
          {member.status !== "active" ? ` · ${member.status}` : ""}
        </span>
      </div>
      {open && children && (
        <ul className="ml-6 flex flex-col gap-y-1 border-l border-ui-border-base pl-3">
          {children.map((child) => (
            <Branch key={child.handle} member={child} />
          ))}
        </ul>
      )}
    </li>
  )
}
