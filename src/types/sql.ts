/**
 * The part of MikroORM's entity manager the module services use for their SQL (knex-style `?`
 * placeholders, rows back as plain objects). Both services type their manager with it instead of `any`.
 */
export type SqlManager = {
  execute: <T = Record<string, any>>(sql: string, params?: unknown[]) => Promise<T[]>
}
