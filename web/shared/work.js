// What waits for someone, shared by the console's home page and the phone pages: the member's
// activity sign-ups (GET /api/v1/my/dual-report) and the claims' order statuses (docs/api-cogov.md).

export const DAY = 24 * 3600

/**
 * The member's sign-ups still to attend, from /api/v1/my/dual-report's activities (those not yet
 * over): waiting = signed up, not checked in, not cancelled; soon = of those, starting within a day;
 * now = under way and not checked in yet (go and check in).
 */
export function signupCounts(activities, nowSeconds) {
  const out = { waiting: 0, soon: 0, now: 0 }
  for (const a of activities || []) {
    if (a.signed_up !== true || a.checked_in === true || a.status === 'cancelled') continue
    if (a.ends_at <= nowSeconds) continue
    out.waiting++
    if (a.starts_at <= nowSeconds) out.now++
    else if (a.starts_at - nowSeconds <= DAY) out.soon++
  }
  return out
}

/** A claimer's orders by what they wait for (each a `status` of GET /api/v1/orders). */
export const CLAIM_WORK = [
  { status: 'claimed', label: '待社区受理' },
  { status: 'dispatched', label: '派给我待接单', tone: 'warn' },
  { status: 'accepted', label: '已接单待服务' },
  { status: 'in_progress', label: '服务中' },
  { status: 'completed', label: '待社区确认' },
]
