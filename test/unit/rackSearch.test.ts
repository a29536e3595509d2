import { describe, expect, it } from 'vitest'
import { rackId } from '../../src/domain/layout/buildLayout'
import { findRack, neighbourRack } from '../../src/domain/layout/rackSearch'
import { defaultLayout } from '../fixtures'

const layout = defaultLayout()
const visible = layout.racks.phaseEnd[layout.phases.length - 1]!

describe('#12.4 racks from the keyboard', () => {
  it('finds a rack by its id, ignoring case and spaces, or by the start of it', () => {
    const i = 1234
    expect(findRack(layout, rackId(layout, i), visible)).toBe(i)
    expect(findRack(layout, `  ${rackId(layout, i).toLowerCase()} `, visible)).toBe(i)
    const hallPrefix = rackId(layout, i).split('-R')[0]!
    expect(rackId(layout, findRack(layout, hallPrefix, visible))).toMatch(new RegExp(`^${hallPrefix}`))
    expect(findRack(layout, 'no-such-rack', visible)).toBe(-1)
    expect(findRack(layout, '', visible)).toBe(-1)
  })

  it('does not find racks that are not standing at the phase', () => {
    const firstPhaseEnd = layout.racks.phaseEnd[0]!
    expect(findRack(layout, rackId(layout, firstPhaseEnd + 5), firstPhaseEnd)).toBe(-1)
  })

  it('steps to the neighbouring rack along the array and across rows, and stays at the edge', () => {
    const r = layout.racks
    const i = 0
    const next = neighbourRack(layout, i, 0, 1, visible)
    expect([r.row[next], r.array[next], r.slot[next]]).toEqual([r.row[i], r.array[i], r.slot[i]! + 1])
    const across = neighbourRack(layout, i, 1, 0, visible)
    expect([r.row[across], r.array[across], r.slot[across]]).toEqual([r.row[i]! + 1, r.array[i], r.slot[i]])
    expect(neighbourRack(layout, i, 0, -1, visible)).toBe(i)
    expect(neighbourRack(layout, i, -1, 0, visible)).toBe(i)
  })
})
