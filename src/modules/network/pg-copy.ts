import { Readable } from "stream"
import { pipeline } from "stream/promises"
import { from as copyFrom } from "pg-copy-streams"

/** Streams COPY text chunks into `COPY ... FROM STDIN` on one connection (with backpressure). */
export type CopyIn = (sql: string, chunks: Iterable<string>) => Promise<void>

/** A node-postgres connection (the `pg` Client knex and the bench hold). */
type PgConnection = { query: (stream: ReturnType<typeof copyFrom>) => ReturnType<typeof copyFrom> }

export function pgCopyIn(connection: PgConnection): CopyIn {
  return async (sql, chunks) => {
    await pipeline(Readable.from(chunks), connection.query(copyFrom(sql)))
  }
}

/**
 * The node-postgres connection of the transaction a Medusa module runs in: MikroORM's manager holds
 * a knex transaction, whose client hands out that transaction's own connection. COPY must run
 * there to be part of the transaction.
 */
export async function transactionConnection(manager: unknown): Promise<PgConnection> {
  const trx = (manager as { getTransactionContext?: () => unknown }).getTransactionContext?.() as
    | { client?: { acquireConnection?: () => Promise<PgConnection> } }
    | undefined
  const connection = await trx?.client?.acquireConnection?.()
  if (!connection || typeof connection.query !== "function") {
    throw new Error("The network import needs the PostgreSQL connection of a transaction (COPY)")
  }
  return connection
}
