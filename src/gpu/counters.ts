/**
 * Counts of bulk GPU buffer writes, so tests can check that animation does not rewrite
 * instance matrices every frame (read through `window.colossus.renderInfo()`).
 */
export const uploadCounters = {
  /** Full rewrites of rack instance matrices (once per layout). */
  rackMatrixWrites: 0,
  /** Full rewrites of rack instance colours (once per layout or colour mode). */
  rackColorWrites: 0,
}
