/** Site and building labels: DOM elements anchored in 3D (text only, never HTML from config). */
import { Html } from '@react-three/drei'
import { useApp } from '../state/context'

const fmt = (n: number) => n.toLocaleString('en-US')

/** One label per site, above its buildings, with the GPUs standing there at this phase. */
export function Labels() {
  const layout = useApp((s) => s.layout)
  const phaseIndex = useApp((s) => s.phaseIndex)
  const r = layout.racks
  const end = r.phaseEnd[phaseIndex] ?? 0
  const gpusBySite = new Float64Array(layout.sites.length)
  const perRack = layout.config.generations.map((g) => g.gpusPerServer * g.serversPerRack)
  for (let i = 0; i < end; i++) gpusBySite[r.site[i]!]! += perRack[r.generation[i]!]!
  return (
    <group name="labels">
      {layout.sites.map((s, k) => {
        const b = s.bounds
        const height = Math.max(...layout.buildings.filter((x) => x.site === k).map((x) => x.sizeM[2]), 10)
        return (
          <Html
            key={s.id}
            position={[(b.minX + b.maxX) / 2, height + 20, b.minZ - 10]}
            center
            zIndexRange={[5, 0]}
            className="site-label-anchor"
          >
            <div className="site-label" data-site={s.id}>
              <div className="site-label-name">{s.name}</div>
              <div className="site-label-detail">
                {gpusBySite[k]! > 0 ? `${fmt(gpusBySite[k]!)} GPUs` : 'not yet built'}
              </div>
            </div>
          </Html>
        )
      })}
    </group>
  )
}
