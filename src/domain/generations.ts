/** Figures derived from a GPU generation's config. */
import type { GenerationConfig } from '../config/schema'

/** GPUs in one rack of generation `g`: GPUs per server (or tray) × servers per rack. */
export const gpusPerRack = (g: Pick<GenerationConfig, 'gpusPerServer' | 'serversPerRack'>): number =>
  g.gpusPerServer * g.serversPerRack

/**
 * Dense BF16 TFLOPS of one H100 SXM: the unit of "H100 equivalents", the compute measure xAI
 * used for its end-2025 milestone ("over one million H100 GPU equivalents").
 */
export const H100_DENSE_BF16_TFLOPS = 989

/** H100 equivalents of `bf16Tflops` dense BF16 TFLOPS: Σ GPUs × dense BF16 ÷ 989. */
export const h100Equivalents = (bf16Tflops: number): number => bf16Tflops / H100_DENSE_BF16_TFLOPS

/** The formula, in words, for tooltips and notes. */
export const H100_EQUIVALENTS_FORMULA = `Σ GPUs × dense BF16 TFLOPS ÷ ${H100_DENSE_BF16_TFLOPS} (one H100 SXM)`
