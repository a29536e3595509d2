/** Figures derived from a GPU generation's config. */
import type { GenerationConfig } from '../config/schema'

/** GPUs in one rack of generation `g`: GPUs per server (or tray) × servers per rack. */
export const gpusPerRack = (g: Pick<GenerationConfig, 'gpusPerServer' | 'serversPerRack'>): number =>
  g.gpusPerServer * g.serversPerRack
