/**
 * The order opaque meshes are drawn in (their `renderOrder`). Software renderers pay for every
 * fragment they shade, and they skip a fragment the depth test rejects before shading it: so
 * what stands on top is drawn first, and each layer of ground after what covers it. Without
 * an order three.js sorts opaque meshes by material first, which drew the flat ground layers
 * bottom-up and the rack boxes before the close-up detail that hides them, shading each pixel
 * several times. The depth test keeps the picture the same whatever the order.
 */
export const DRAW_ORDER = {
  /** Close-up rack detail: it covers the rack box inside it. */
  closeUpRacks: -2,
  /** Racks, walls, plant, trees, the close-up's hall fittings (three's default). */
  standing: 0,
  /** The close-up's tiled hall floor, 3 mm over the hall floor. */
  closeUpFloor: 1,
  hallFloors: 2,
  buildingFloors: 3,
  sitePads: 4,
  /** The dressing's ground (grass, roads, yards): under everything. */
  dressingGround: 5,
} as const
