import type { Touches } from '@care/case-doc';
import type * as Y from 'yjs';
import type { Principal } from '../access/principal.ts';

export type WriteDecision = { allowed: true } | { allowed: false; reason: string };

export type WriteRequest = {
  principal: Principal;
  caseId: string;
  /** The case doc as it is before the update (read it, never change it). */
  doc: Y.Doc;
  /** Where the update writes (updateTouches, computed once for every guard). */
  touches: Touches;
};

/**
 * Decides whether a peer may change a case doc with an update. Asked for every incoming update
 * before it is stored: a refused update is never stored, applied or relayed, and its sender is
 * told why. Access rules (membership, conference roles) each contribute one guard.
 */
export type WriteGuard = (request: WriteRequest) => WriteDecision;

export const allowed: WriteDecision = { allowed: true };

export const allowAllWrites: WriteGuard = () => allowed;

/** Allows a write only when every guard allows it; the first refusal gives the reason. */
export function allOf(...guards: WriteGuard[]): WriteGuard {
  return (request) => {
    for (const guard of guards) {
      const decision = guard(request);
      if (!decision.allowed) return decision;
    }
    return allowed;
  };
}
