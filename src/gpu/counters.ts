/**
 * Counts of whole rewrites of the rack instance buffers (each is then uploaded to the GPU), so
 * tests can check that animation does not rewrite instance matrices or colours every frame
 * (read through `window.colossus.renderInfo()`).
 */
export const uploadCounters = {
  /** Full rewrites of rack instance matrices (once per layout). */
  rackMatrixWrites: 0,
  /** Full rewrites of rack instance colours (once per layout or colour mode). */
  rackColorWrites: 0,
}
