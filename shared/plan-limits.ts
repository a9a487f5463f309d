/** A plan file is at most 2 MiB (a 500-table plan is a few tens of KiB). */
export const PLAN_MAX_BYTES = 2 * 1024 * 1024;
/** The same as base64 text, as the page sends it. */
export const PLAN_MAX_BYTES_BASE64 = Math.ceil(PLAN_MAX_BYTES / 3) * 4;
