/**
 * The quality tiers' rendering without a GPU: which rack material each tier gets, shadow
 * casting that follows the build animation, the sun's shadow frustum fitted to the view, the
 * jitter of presentation samples (seeded, deterministic, in range) and how tiles, their overlap
 * margin and the jitter compose into camera view offsets.
 */
import { DataTexture, DirectionalLight, MeshStandardMaterial, PerspectiveCamera, Vector3 } from 'three'
import { describe, expect, it } from 'vitest'
import { buildLayout } from '../../src/domain/layout/buildLayout'
import {
  discJitter,
  halton,
  pixelJitter,
  REST_SAMPLES,
  restJitter,
  seededUnit,
  tileViewOffset,
} from '../../src/domain/sampling'
import {
  qualityTileSide,
  qualityTileSize,
  SUN_SAMPLES,
  stillSamples,
  sunSampleOf,
  TILE_MARGIN_PX,
  tileGrid,
} from '../../src/export/renderStill'
import { fitSun, SUN_DIRECTION, shadowHalfSizeM } from '../../src/gpu/quality/sun'
import { createRackDepthMaterial, createRackMaterial } from '../../src/gpu/rackMaterial'
import { createRackMeshes } from '../../src/gpu/rackMeshes'
import { defaultConfig } from '../fixtures'

const tex = () => new DataTexture(new Uint8Array(4), 1, 1)

describe('rack material per tier', () => {
  it('is Lambert in draft and physically based painted metal above it', () => {
    const reveal = { value: 0 }
    const draft = createRackMaterial(tex(), tex(), reveal, 'draft')
    const high = createRackMaterial(tex(), tex(), reveal, 'high')
    const pres = createRackMaterial(tex(), tex(), reveal, 'presentation')
    expect(draft.type).toBe('MeshLambertMaterial')
    expect(high.type).toBe('MeshStandardMaterial')
    expect(pres.type).toBe('MeshStandardMaterial')
    expect(createRackMaterial(tex(), tex(), reveal).type, 'draft by default').toBe('MeshLambertMaterial')
    if (!(high instanceof MeshStandardMaterial)) throw new Error('high is not physically based')
    expect(high.metalness).toBeGreaterThan(0)
    expect(high.roughness).toBeLessThan(1)
    // Different programs for the two shader variants, one program per variant across rack kinds.
    expect(draft.customProgramCacheKey()).not.toBe(high.customProgramCacheKey())
    expect(high.customProgramCacheKey()).toBe(pres.customProgramCacheKey())
  })

  it('patches every tier, and the shadow depth material, with the build animation', () => {
    const reveal = { value: 3.5 }
    for (const m of [
      createRackMaterial(tex(), tex(), reveal, 'draft'),
      createRackMaterial(tex(), tex(), reveal, 'high'),
      createRackDepthMaterial(reveal),
    ]) {
      const shader = {
        uniforms: {} as Record<string, unknown>,
        vertexShader: '#include <common>\n#include <uv_vertex>\n#include <begin_vertex>\n',
        fragmentShader: '',
      }
      m.onBeforeCompile(shader as never, undefined as never)
      expect(shader.uniforms.uReveal, m.type).toBe(reveal)
      expect(shader.vertexShader).toContain('attribute float aBuild;')
      expect(shader.vertexShader).toContain('transformed.y *= buildK;')
    }
  })

  it('rack meshes cast and receive shadows through the build-aware depth material', () => {
    const layout = buildLayout(defaultConfig())
    const rm = createRackMeshes(layout, { value: 0 }, 'high')
    try {
      expect(rm.meshes.length).toBeGreaterThan(0)
      for (const m of [...rm.meshes, ...rm.runMeshes]) {
        expect(m.castShadow && m.receiveShadow).toBe(true)
        expect(m.customDepthMaterial?.type).toBe('MeshDepthMaterial')
        expect((m.material as { type: string }).type).toBe('MeshStandardMaterial')
      }
      const draft = createRackMeshes(layout, { value: 0 }, 'draft')
      expect((draft.meshes[0]!.material as { type: string }).type).toBe('MeshLambertMaterial')
      draft.dispose()
    } finally {
      rm.dispose()
    }
  })
})

describe('rack face textures per tier', () => {
  it('the draft tier filters them without anisotropy (software GL pays per sample), the others with 4×', () => {
    const layout = buildLayout(defaultConfig())
    for (const [tier, want] of [
      ['draft', 1],
      ['high', 4],
      ['presentation', 4],
    ] as const) {
      const rm = createRackMeshes(layout, { value: 0 }, tier)
      try {
        for (const m of rm.meshes) {
          const mat = m.material as MeshStandardMaterial
          expect([mat.map?.anisotropy, mat.emissiveMap?.anisotropy], `${tier} ${m.name}`).toEqual([
            want,
            want,
          ])
        }
      } finally {
        rm.dispose()
      }
    }
  })
})

describe('sun fitted to the view', () => {
  const camera = new PerspectiveCamera(45, 16 / 9, 1, 20000)

  it('covers the view around the target and grows with distance', () => {
    const target = new Vector3(100, 0, -50)
    camera.position.set(100, 300, 350)
    const sun = new DirectionalLight()
    expect(fitSun(sun, camera, target)).toBe(true)
    expect(fitSun(sun, camera, target), 'nothing moved: no new shadow map').toBe(false)
    const half = sun.shadow.camera.right
    expect(half).toBeCloseTo(shadowHalfSizeM(camera, camera.position.distanceTo(target)))
    // The view's half width at the target fits inside the shadow square.
    const halfWidth = camera.position.distanceTo(target) * Math.tan((22.5 * Math.PI) / 180) * (16 / 9)
    expect(half).toBeGreaterThan(halfWidth)
    expect(sun.target.position.toArray()).toEqual(target.toArray())
    const dir = sun.position.clone().sub(target).normalize()
    expect(dir.distanceTo(SUN_DIRECTION)).toBeLessThan(1e-9)
    camera.position.set(100, 3000, 3500)
    expect(fitSun(sun, camera, target)).toBe(true)
    expect(sun.shadow.camera.right).toBeGreaterThan(half)
  })

  it('a jitter tilts the sun by about its size, and the shadow camera still sees the target', () => {
    const target = new Vector3(0, 0, 0)
    camera.position.set(0, 200, 200)
    const a = new DirectionalLight()
    const b = new DirectionalLight()
    fitSun(a, camera, target)
    fitSun(b, camera, target, 0.03, -0.02)
    const da = a.position.clone().normalize()
    const db = b.position.clone().normalize()
    expect(da.angleTo(db)).toBeCloseTo(Math.hypot(0.03, 0.02), 2)
    const d = b.position.distanceTo(target)
    expect(d).toBeGreaterThan(b.shadow.camera.near)
    expect(d).toBeLessThan(b.shadow.camera.far)
  })
})

describe('presentation samples', () => {
  it('Halton radical inverse', () => {
    expect([1, 2, 3, 4].map((i) => halton(i, 2))).toEqual([0.5, 0.25, 0.75, 0.125])
    expect(halton(1, 3)).toBeCloseTo(1 / 3)
    expect(halton(5, 3)).toBeCloseTo(2 / 3 + 1 / 9)
  })

  it('pixel jitter is seeded: same seed, same samples; another seed, other samples', () => {
    const a = pixelJitter(16, 7)
    expect(Array.from(pixelJitter(16, 7))).toEqual(Array.from(a))
    expect(Array.from(pixelJitter(16, 8))).not.toEqual(Array.from(a))
    for (const v of a) {
      expect(v).toBeGreaterThanOrEqual(-0.5)
      expect(v).toBeLessThan(0.5)
    }
    // Spread over the pixel: every quadrant gets samples, the mean is near the centre.
    const quads = new Set<number>()
    let mx = 0
    let my = 0
    for (let k = 0; k < 16; k++) {
      quads.add((a[2 * k]! < 0 ? 0 : 1) + (a[2 * k + 1]! < 0 ? 0 : 2))
      mx += a[2 * k]! / 16
      my += a[2 * k + 1]! / 16
    }
    expect(quads.size).toBe(4)
    expect(Math.abs(mx)).toBeLessThan(0.1)
    expect(Math.abs(my)).toBeLessThan(0.1)
    expect(Array.from(pixelJitter(1, 7)), 'one sample is not jittered').toEqual([0, 0])
  })

  it('sun jitter stays within its disc and is seeded', () => {
    const d = discJitter(8, 3, 0.04)
    expect(Array.from(discJitter(8, 3, 0.04))).toEqual(Array.from(d))
    for (let k = 0; k < 8; k++) expect(Math.hypot(d[2 * k]!, d[2 * k + 1]!)).toBeLessThanOrEqual(0.04 + 1e-12)
    expect(Array.from(discJitter(1, 3, 0.04))).toEqual([0, 0])
    expect(seededUnit(1, 1)).not.toBe(seededUnit(2, 1))
  })

  it('runs of samples share a sun direction, each direction used', () => {
    const used = Array.from({ length: 16 }, (_, k) => sunSampleOf(k, 16, SUN_SAMPLES))
    expect(used).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3])
    expect(Array.from({ length: 3 }, (_, k) => sunSampleOf(k, 3, 3))).toEqual([0, 1, 2])
  })
})

describe('draft anti-aliasing at rest', () => {
  it('4 samples sit on a rotated grid: within the pixel, centred, no two in one row or column', () => {
    const j = Array.from(restJitter(REST_SAMPLES))
    expect(REST_SAMPLES).toBe(4)
    const xs = j.filter((_, i) => i % 2 === 0)
    const ys = j.filter((_, i) => i % 2 === 1)
    for (const v of j) expect(Math.abs(v)).toBeLessThan(0.5)
    expect(new Set(xs).size).toBe(4)
    expect(new Set(ys).size).toBe(4)
    expect(xs.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9)
    expect(ys.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9)
    expect(Array.from(restJitter(REST_SAMPLES)), 'the same every time').toEqual(j)
  })

  it('other counts use the seeded pixel jitter; one sample is the plain frame', () => {
    expect(Array.from(restJitter(8))).toEqual(Array.from(pixelJitter(8, 1)))
    expect(Array.from(restJitter(1))).toEqual([0, 0])
  })

  it('stills take 4 samples in draft, 1 in high (SMAA) and 16 in presentation, unless asked', () => {
    expect(stillSamples({ quality: 'draft' })).toBe(4)
    expect(stillSamples({})).toBe(4)
    expect(stillSamples({ quality: 'high' })).toBe(1)
    expect(stillSamples({ quality: 'presentation' })).toBe(16)
    expect(stillSamples({ quality: 'draft', samples: 1 })).toBe(1)
    expect(stillSamples({ quality: 'high', samples: 9 })).toBe(9)
  })
})

describe('tiles of pipelined stills', () => {
  it('the jitter goes on top of the tile offset, with the margin around the tile', () => {
    const o = tileViewOffset(3840, 2160, { x: 1920, y: 1080, w: 1920, h: 1080 }, 48, 0.25, -0.375)
    expect(o).toEqual({
      fullWidth: 3840,
      fullHeight: 2160,
      offsetX: 1920 - 48 + 0.25,
      offsetY: 1080 - 48 - 0.375,
      width: 1920 + 96,
      height: 1080 + 96,
    })
  })

  it('adjacent tiles, cropped of their margins, see the same jittered image', () => {
    // Pixel (px, py) of the image lies at (px - offsetX) in a tile's canvas: the same shift for
    // every tile of a sample, so tiles stitch exactly.
    const tiles = tileGrid(640, 360, 128, 128)
    const jx = 0.3
    const jy = -0.2
    for (const t of tiles) {
      const o = tileViewOffset(640, 360, t, TILE_MARGIN_PX, jx, jy)
      expect(t.x - o.offsetX).toBeCloseTo(TILE_MARGIN_PX - jx)
      expect(t.y - o.offsetY).toBeCloseTo(TILE_MARGIN_PX - jy)
    }
  })

  it('default tiles split the image evenly within the GPU limit; requested tiles are kept', () => {
    const side = qualityTileSide(undefined, 16384)
    expect(side % 2).toBe(0)
    expect(qualityTileSize(3840, 2160, side, false)).toEqual([1920, 1080])
    expect(qualityTileSize(7680, 4320, side, false)).toEqual([1920, 1440])
    expect(qualityTileSize(640, 360, 128, true)).toEqual([128, 128])
    expect(qualityTileSide(100000, 4096)).toBe(4096 - 2 * TILE_MARGIN_PX)
    expect(qualityTileSide(127, 4096)).toBe(126)
  })
})
