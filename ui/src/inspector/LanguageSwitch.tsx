/**
 * Switching the machine to the other query language, converting every state's fields where
 * the conversion is exact (Rust's `setQueryLanguage` edit). Before the button is pressed, Rust
 * says what would stop it; those fields are listed instead of a button that would fail.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { Blocker } from '../bindings/Blocker';
import { errorText } from '../lib/api';
import { useInspector } from './context';
import { machineQueryLanguage } from './model';
import { parsePointer } from './pointer';

/** `/States/A/Choices/0/Condition` → `A › Choices › 0 › Condition`. */
export function blockerLabel(pointer: string): string {
  const tokens = parsePointer(pointer).filter((t, i, all) => !(t === 'States' && i + 1 < all.length));
  return tokens.length === 0 ? 'the machine' : tokens.join(' › ');
}

export function LanguageSwitch({ text }: { text: string }): ReactElement | null {
  const { root, languageBlockers, send, readOnly } = useInspector();
  const current = machineQueryLanguage(root);
  const target = current === 'JSONata' ? 'JSONPath' : 'JSONata';
  const [blockers, setBlockers] = useState<{ text: string; list: Blocker[] } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  // Asked again whenever the definition changes.
  useEffect(() => {
    if (languageBlockers === undefined || readOnly) return;
    let live = true;
    languageBlockers(target).then(
      (list) => {
        if (live) {
          setBlockers({ text, list });
          setFailure(null);
        }
      },
      (err: unknown) => {
        if (live) setFailure(errorText(err));
      },
    );
    return () => {
      live = false;
    };
  }, [languageBlockers, target, text, readOnly]);

  if (languageBlockers === undefined) return null;
  const list = blockers?.text === text ? blockers.list : null;
  return (
    <div className="insp-switch" data-testid="language-switch" data-target={target}>
      <div className="insp-inline">
        <button
          type="button"
          className="button rp-small"
          disabled={list === null || list.length > 0 || readOnly}
          onClick={() => send({ op: 'setQueryLanguage', language: target })}
          data-testid="language-switch-button"
        >
          Convert to {target}
        </button>
        <span className="insp-hint">
          {list === null
            ? 'Checking…'
            : list.length === 0
              ? `Every state's fields convert exactly to ${target}.`
              : `${list.length} ${list.length === 1 ? 'field stops' : 'fields stop'} an exact conversion:`}
        </span>
      </div>
      {failure !== null && <p className="insp-error">{failure}</p>}
      {list !== null && list.length > 0 && (
        <ul className="insp-switch-blockers" data-testid="language-blockers">
          {list.slice(0, 20).map((b) => (
            <li key={b.pointer} data-pointer={b.pointer}>
              <span className="insp-mono">{blockerLabel(b.pointer)}</span>: {b.reason}
            </li>
          ))}
          {list.length > 20 && <li>and {list.length - 20} more</li>}
        </ul>
      )}
    </div>
  );
}
