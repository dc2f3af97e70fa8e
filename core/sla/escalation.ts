/**
 * Escalation decisions: given a ticket's clock readings and the notices already sent, which notices
 * are due now and whether to raise the ticket to the next support line. Pure: the caller writes the
 * ticket events, posts to the agents' surfaces and the lead channel, and records what it sent.
 *
 * Rules:
 * - `warning` is due once per target when the fraction used reaches `warnAt` and the target is not
 *   yet breached; a target found already breached gets only the `breach` notice.
 * - `breach` is due once per target when the reading says breached.
 * - A stopped clock (target met, even late) raises nothing: late answers are counted by the KPIs.
 * - The ticket is raised one line (L1 -> L2 -> L3) when a newly due notice matches the priority's
 *   `raiseOn`; a breach also satisfies `raiseOn: warning`, so a skipped warning cannot skip the raise.
 *   At most one line per evaluation; L3 has nowhere further to go.
 */
import type { Priority } from '../../knowledge/types.ts';
import type { SlaClockReading } from './clock.ts';
import {
  SLA_TARGETS,
  SUPPORT_LINES,
  type EscalationPolicy,
  type NoticeKind,
  type SlaTarget,
  type SupportLine,
} from './policy-types.ts';

export interface SentNotice {
  readonly target: SlaTarget;
  readonly kind: NoticeKind;
}

export interface SlaNotice extends SentNotice {
  readonly dueAt: Date | null;
  readonly fractionUsed: number;
  readonly overdueMs: number;
}

export interface EscalationInput {
  readonly priority: Priority;
  readonly line: SupportLine;
  readonly readings: Readonly<Record<SlaTarget, SlaClockReading>>;
  /** Notices recorded earlier for this ticket (events); each kind is sent once per target. */
  readonly sent: readonly SentNotice[];
}

export interface EscalationDecision {
  readonly notices: readonly SlaNotice[];
  /** The line to raise the ticket to, or null to leave it. */
  readonly raiseTo: SupportLine | null;
}

/** @example evaluateEscalation(setup.escalation, { priority: 'P2', line: 'L1', readings, sent: [] }) */
export function evaluateEscalation(policy: EscalationPolicy, input: EscalationInput): EscalationDecision {
  const notices: SlaNotice[] = [];
  for (const target of SLA_TARGETS) {
    const kind = dueNotice(policy, input.readings[target], (k) => wasSent(input.sent, target, k));
    if (kind) notices.push(noticeOf(target, kind, input.readings[target]));
  }
  const trigger = policy.raiseOn[input.priority];
  const raise = notices.some((n) => n.kind === trigger || (trigger === 'warning' && n.kind === 'breach'));
  return { notices, raiseTo: raise ? nextSupportLine(input.line) : null };
}

function dueNotice(policy: EscalationPolicy, reading: SlaClockReading, sent: (k: NoticeKind) => boolean): NoticeKind | null {
  if (reading.state === 'stopped') return null;
  if (reading.breached) return sent('breach') ? null : 'breach';
  if (reading.fractionUsed >= policy.warnAt && !sent('warning')) return 'warning';
  return null;
}

function wasSent(sent: readonly SentNotice[], target: SlaTarget, kind: NoticeKind): boolean {
  return sent.some((s) => s.target === target && s.kind === kind);
}

function noticeOf(target: SlaTarget, kind: NoticeKind, reading: SlaClockReading): SlaNotice {
  return { target, kind, dueAt: reading.dueAt, fractionUsed: reading.fractionUsed, overdueMs: reading.overdueMs };
}

/** L1 -> L2 -> L3; null at the last line. */
export function nextSupportLine(line: SupportLine): SupportLine | null {
  return SUPPORT_LINES[SUPPORT_LINES.indexOf(line) + 1] ?? null;
}
