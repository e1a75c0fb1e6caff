/**
 * What a route may hand to `res.json` for the response type T (`MedusaResponse<JsonOf<T>>`): the
 * same shape, with a Date where T has a string (JSON writes it as its ISO string). The admin and the
 * storefront kit read T. Used by the admin routes (src/types/admin.ts) and the store routes (src/types/store.ts).
 */
export type JsonOf<T> = T extends string
  ? T | Date
  : T extends (infer U)[]
    ? JsonOf<U>[]
    : T extends object
      ? { [K in keyof T]: JsonOf<T[K]> }
      : T
