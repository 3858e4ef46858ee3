import { createContext, useContext } from 'react';
import type { Blocker } from '../bindings/Blocker';
import type { Edit } from '../bindings/Edit';
import type { ProblemRow } from '../bindings/ProblemRow';
import type { StateRow } from '../bindings/StateRow';
import type { SubstitutionRow } from '../bindings/SubstitutionRow';
import type { ClaimStore } from './claims';
import { getAt } from './pointer';
import { fieldEdit } from './model';

/** What every editor of the inspector needs: the parsed definition and a way to change it. */
export interface InspectorContextValue {
  /** The parsed definition (the last one that parsed while the text has a syntax error). */
  root: unknown;
  rows: readonly StateRow[];
  /** True while the text does not parse: editors show values but do not send edits. */
  readOnly: boolean;
  send: (edit: Edit) => void;
  select: (pointers: string[]) => void;
  /** The problems of what the inspector shows (the selected state, or the machine). */
  problems: readonly ProblemRow[];
  /** Which field shows which of those problems. */
  claims: ClaimStore;
  /** What stops switching the machine's query language (from Rust); absent in tests and harnesses. */
  languageBlockers?: LanguageBlockers | undefined;
  /** The definition's `${Name}` placeholders and what they stand for (from Rust). */
  substitutions?: readonly SubstitutionRow[] | undefined;
}

export type LanguageBlockers = (language: 'JSONPath' | 'JSONata') => Promise<Blocker[]>;

export const InspectorContext = createContext<InspectorContextValue | null>(null);

export interface InspectorApi extends InspectorContextValue {
  /** The value at a pointer of the definition. */
  get: (pointer: string) => unknown;
  /** Sets (`undefined`: removes) the value at a pointer; sends nothing when nothing changes. */
  set: (pointer: string, value: unknown) => void;
}

export function useInspector(): InspectorApi {
  const ctx = useContext(InspectorContext);
  if (ctx === null) throw new Error('useInspector outside <Inspector>');
  return {
    ...ctx,
    get: (pointer) => getAt(ctx.root, pointer),
    set: (pointer, value) => {
      if (ctx.readOnly) return;
      const edit = fieldEdit(ctx.root, pointer, value);
      if (edit !== null) ctx.send(edit);
    },
    send: (edit) => {
      if (!ctx.readOnly) ctx.send(edit);
    },
  };
}
