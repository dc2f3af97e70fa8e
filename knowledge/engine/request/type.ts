/**
 * Incident ("something broke") vs service request ("I want something"): the type of the best-matching
 * article when the engine is confident about it, plus the wording of the message itself.
 */
import type { RequestType } from '../../types.ts';
import { foldText } from '../analysis/normalize.ts';
import { INCIDENT_CUES, REQUEST_CUES } from './cues.ts';

export interface TypeAssessment {
  type: RequestType;
  confidence: number;
}

/** `articleType` and `articleConfidence` come from the best search hit, if any. */
export function assessType(text: string, articleType?: RequestType, articleConfidence = 0): TypeAssessment {
  const folded = foldText(text);
  let incident = INCIDENT_CUES.test(folded) ? 1 : 0;
  let request = REQUEST_CUES.test(folded) ? 1 : 0;
  if (articleType === 'incident') incident += 1.5 * articleConfidence;
  if (articleType === 'service_request') request += 1.5 * articleConfidence;
  if (incident === request) {
    // No evidence either way: people mostly write to support when something is broken.
    return { type: 'incident', confidence: 0.5 };
  }
  const type: RequestType = incident > request ? 'incident' : 'service_request';
  const margin = Math.abs(incident - request) / (incident + request);
  return { type, confidence: round(0.5 + 0.45 * margin) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
