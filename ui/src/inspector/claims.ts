/**
 * Which inspector field shows which problem. Every field that can show problems claims the
 * JSON Pointers it edits (its value, or everything inside it for JSON values and list items,
 * optionally only some codes); a problem goes to the most specific claim that covers it, so a
 * Choice rule's bad `Next` shows on its Next select, not on the whole rule. Problems nobody
 * claims go to the inspector's own list.
 */
import type { ProblemRow } from '../bindings/ProblemRow';
import { isWithin } from '../lib/problems';

export interface Claim {
  pointer: string;
  /** Also problems inside the value (JSON fields, list items, sections). */
  within?: boolean;
  /** Only problems with these codes (for problems reported on the state itself). */
  codes?: readonly string[];
  /** How the field is named in the inspector's summary ("Default", "InputPath"). */
  label?: string;
}

type Problem = Pick<ProblemRow, 'pointer' | 'code'>;

export function covers(claim: Claim, p: Problem): boolean {
  const where = claim.within === true ? isWithin(p.pointer, claim.pointer) : p.pointer === claim.pointer;
  return where && (claim.codes === undefined || claim.codes.includes(p.code));
}

/** How specific a claim is: deeper pointers, then code filters, then exact claims win. */
function rank(claim: Claim): number {
  return claim.pointer.length * 4 + (claim.codes !== undefined ? 2 : 0) + (claim.within === true ? 0 : 1);
}

/** The best rank among `claims` that cover `p`, or -1. */
function bestRank(claims: readonly Claim[], p: Problem): number {
  let best = -1;
  for (const c of claims) if (covers(c, p) && rank(c) > best) best = rank(c);
  return best;
}

/** The claims of the fields on screen; components subscribe to changes. */
export class ClaimStore {
  private holders = new Map<number, readonly Claim[]>();
  private nextId = 1;
  private version = 0;
  private listeners = new Set<() => void>();

  newId(): number {
    return this.nextId++;
  }

  set(id: number, claims: readonly Claim[]): void {
    this.holders.set(id, claims);
    this.changed();
  }

  remove(id: number): void {
    if (this.holders.delete(id)) this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = (): number => this.version;

  /**
   * The holder that shows `p`: the one with the most specific covering claim (the earliest
   * registered on a tie), counting `self` as registered too (a field on its first render).
   */
  ownerOf(p: Problem, self?: { id: number; claims: readonly Claim[] }): number | undefined {
    let owner: number | undefined;
    let best = -1;
    const consider = (id: number, claims: readonly Claim[]): void => {
      const r = bestRank(claims, p);
      if (r > best || (r === best && r >= 0 && owner !== undefined && id < owner)) {
        best = r;
        owner = id;
      }
    };
    for (const [id, claims] of this.holders) consider(id, claims);
    if (self !== undefined && !this.holders.has(self.id)) consider(self.id, self.claims);
    return best < 0 ? undefined : owner;
  }

  /** The label of the field that shows `p`, when one does. */
  labelOf(p: Problem): string | undefined {
    const id = this.ownerOf(p);
    if (id === undefined) return undefined;
    const claims = this.holders.get(id) ?? [];
    return claims.find((c) => covers(c, p))?.label;
  }

  private changed(): void {
    this.version += 1;
    for (const l of [...this.listeners]) l();
  }
}
