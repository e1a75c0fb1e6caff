"use client"

import type { FormState } from "@lib/data/mlm"
import { useCallback, useRef, useState, type FormEvent } from "react"

const idle: FormState = { error: null, done: false }

/**
 * A form's submit that runs a server action, with the form's own pending flag and answer (once at a
 * time). Not through useActionState or a transition: in Next.js 15 a server action's router update
 * intermittently never commits, which left the button on "Loading..." for good although the save
 * had succeeded (vercel/next.js#96233, #95714; 2 of 4 runs of `npm run e2e:dtc` on cold servers). The
 * actions therefore do not revalidate either; what changed shows from this state, or from a reload.
 */
export function useSubmit(action: (data: FormData) => Promise<FormState>, failure: string) {
  const [state, setState] = useState<FormState>(idle)
  const [pending, setPending] = useState(false)
  const running = useRef(false)
  const submit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault()
      if (running.current) return
      running.current = true
      setPending(true)
      try {
        setState(await action(new FormData(event.currentTarget)))
      } catch {
        setState({ error: failure, done: false })
      } finally {
        running.current = false
        setPending(false)
      }
    },
    [action, failure]
  )
  return [state, submit, pending] as const
}
