"use client"

import { checkHandle, enrolAsDistributor, joinAsMember } from "@lib/data/mlm"
import { Button } from "@modules/common/components/ui"
import Input from "@modules/common/components/input"
import { useSubmit } from "@modules/mlm/hooks/use-submit"
import type { HandleAvailability, StoreMembership } from "medusa-plugin-mlm/storefront"
import { useEffect, useState } from "react"

/** For a customer who is not a distributor: join as a member (member prices) and become a distributor. */
export default function JoinPanel({ membership, storeOrigin }: { membership: StoreMembership | null; storeOrigin: string }) {
  const [joinState, join, joining] = useSubmit(joinAsMember, "Joining failed")
  const [enrolState, enrol, enrolling] = useSubmit(enrolAsDistributor, "Enrolment failed")
  const [handle, setHandle] = useState("")
  const [availability, setAvailability] = useState<HandleAvailability | null>(null)

  // A new distributor's account area is My business: the page is loaded again to show it.
  useEffect(() => {
    if (enrolState.done) window.location.reload()
  }, [enrolState.done])

  // Live availability: asked 300 ms after the customer stops typing; a stale answer is dropped.
  useEffect(() => {
    const typed = handle.trim().toLowerCase()
    if (!typed) return setAvailability(null)
    let current = true
    const timer = setTimeout(() => {
      checkHandle(typed)
        .then((answer) => current && setAvailability(answer))
        .catch(() => current && setAvailability(null))
    }, 300)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [handle])

  return (
    <div className="flex flex-col gap-y-10" data-testid="join-panel">
      <section className="flex flex-col gap-y-3">
        <h2 className="text-large-semi">Member prices</h2>
        {membership || joinState.done ? (
          <p className="txt-medium" data-testid="member-status">
            You are a member: you see member prices whenever you are logged in
            {membership?.sponsor ? `, with ${membership.sponsor.display_name} as your sponsor` : ""}.
          </p>
        ) : (
          <form onSubmit={join} className="flex flex-col gap-y-3 items-start">
            <p className="txt-medium text-ui-fg-subtle">Join as a member and pay member prices on everything, with no business to run.</p>
            <Button type="submit" isLoading={joining} data-testid="join-member-button">
              Join as a member
            </Button>
            {joinState.error && <p className="text-rose-600 txt-compact-small">{joinState.error}</p>}
          </form>
        )}
      </section>
      <section className="flex flex-col gap-y-3">
        <h2 className="text-large-semi">Become a distributor</h2>
        <p className="txt-medium text-ui-fg-subtle">
          Get your own store link, earn commissions on what your customers and your team buy, and see it all in My business.
        </p>
        <form onSubmit={enrol} className="flex flex-col gap-y-3 max-w-md">
          <Input label="Your handle" name="handle" required value={handle} onChange={(e) => setHandle(e.target.value)} data-testid="handle-input" autoComplete="off" />
          <p className="txt-compact-small" data-testid="handle-availability" aria-live="polite">
            {availability &&
              (availability.available ? (
                <span className="text-green-700">
                  {storeOrigin}/{availability.handle} is yours to take
                </span>
              ) : (
                <span className="text-rose-600">{availability.reason}</span>
              ))}
          </p>
          <Input label="Name shown to your customers (optional)" name="display_name" data-testid="display-name-input" />
          <Button type="submit" isLoading={enrolling || enrolState.done} disabled={availability?.available === false} data-testid="enrol-button">
            Become a distributor
          </Button>
          {enrolState.error && (
            <p className="text-rose-600 txt-compact-small" data-testid="enrol-error">
              {enrolState.error}
            </p>
          )}
        </form>
      </section>
    </div>
  )
}
