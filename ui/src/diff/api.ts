import type { CompareWith } from '../bindings/CompareWith';
import type { Comparison } from '../bindings/Comparison';
import { call } from '../lib/rpc';

/** Compare mode's one request; a fake in the tests. */
export interface DiffApi {
  /** `null` when the user cancelled the file dialog. */
  compare(with_: CompareWith): Promise<Comparison | null>;
}

export const tauriDiffApi: DiffApi = {
  compare: (with_) => call('compare', with_),
};
