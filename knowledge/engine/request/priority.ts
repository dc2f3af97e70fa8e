/**
 * Priority from impact x urgency, the ITIL way, with cue phrases as evidence. Without cues we assume one
 * person affected and ordinary urgency: P3 for an incident, P4 for a service request.
 */
import type { Priority, RequestType } from '../../types.ts';
import { foldText } from '../analysis/normalize.ts';
import { IMPACT, URGENCY, type Level } from './cues.ts';

// Rows: impact; columns: urgency high / medium / low.
const MATRIX: Record<Level, Record<Level, Priority>> = {
  high: { high: 'P1', medium: 'P2', low: 'P2' },
  medium: { high: 'P2', medium: 'P3', low: 'P3' },
  low: { high: 'P2', medium: 'P3', low: 'P4' },
};

export interface PriorityAssessment {
  priority: Priority;
  confidence: number;
  impact: Level;
  urgency: Level;
}

export function assessPriority(text: string, type: RequestType): PriorityAssessment {
  const folded = foldText(text);
  const impact: Level | undefined = IMPACT.high.test(folded) ? 'high' : IMPACT.medium.test(folded) ? 'medium' : undefined;
  const urgency: Level | undefined = URGENCY.low.test(folded)
    ? 'low'
    : URGENCY.high.test(folded)
      ? 'high'
      : URGENCY.medium.test(folded)
        ? 'medium'
        : undefined;
  const defaultUrgency: Level = type === 'incident' ? 'medium' : 'low';
  const finalImpact = impact ?? 'low';
  const finalUrgency = urgency ?? defaultUrgency;
  // Each dimension backed by a cue adds evidence; a guess from defaults stays near a coin flip.
  const evidence = (impact ? 1 : 0) + (urgency ? 1 : 0);
  const confidence = [0.55, 0.75, 0.9][evidence]!;
  return { priority: MATRIX[finalImpact][finalUrgency], confidence, impact: finalImpact, urgency: finalUrgency };
}
