/**
 * How sure the public record is about a phase, as a small badge: achieved (reported done),
 * claimed (announced by the operator, not confirmed) or planned. Phases whose layout says
 * nothing show no badge.
 */
import type { PhaseStatus } from '../config/schema'

/** What each status means, for tooltips and screen readers. */
export const STATUS_MEANING: Record<PhaseStatus, string> = {
  achieved: 'Achieved: reported done by the sources',
  claimed: 'Claimed: announced by the operator, not confirmed by others',
  planned: 'Planned: not done yet',
}

/** The badge for `status`, with the sources' titles in its tooltip. */
export function StatusBadge({ status, sources }: { status: PhaseStatus | null; sources?: string[] }) {
  if (status === null) return null
  const cited = sources && sources.length > 0 ? ` (${sources.join('; ')})` : ''
  return (
    <span
      className={`status-badge status-${status}`}
      title={`${STATUS_MEANING[status]}${cited}`}
      data-status={status}
    >
      {status}
    </span>
  )
}
