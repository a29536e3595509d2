/**
 * Camera controls that never step further than MAX_STEP_S in one frame. The scene renders on
 * demand: after the page idles, and on software GL where a frame can take a second, the frame
 * delta is long, and camera-controls' smoothing would finish a whole flight in that one frame
 * (a story step or a preset would cut instead of fly). Capping the step keeps every flight
 * visible; on a slow machine it takes more wall time, never fewer frames.
 */
import CameraControlsImpl from 'camera-controls'

/** Longest time step given to the controls in one frame, seconds (a 20 fps step). */
export const MAX_STEP_S = 0.05

/** drei's CameraControls `impl`: camera-controls with each frame's step capped. */
export class SteadyCameraControls extends CameraControlsImpl {
  override update(delta: number): boolean {
    return super.update(Math.min(delta, MAX_STEP_S))
  }
}
