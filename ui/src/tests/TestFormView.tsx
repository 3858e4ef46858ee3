import { useState, type ReactElement, type ReactNode } from 'react';
import type { ExpectedStatus } from '../bindings/ExpectedStatus';
import type { TestDef } from '../bindings/TestDef';
import { JsonEditor } from '../run/JsonEditor';
import { ChipsField, JsonField, StateSelect } from './fields';
import { buildTest, CHECK_FIELDS, formOf, type CheckField, type FormError, type TestForm } from './formModel';

const STATUSES: ExpectedStatus[] = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
const CHECK_LABEL: Record<CheckField, string> = {
  input: 'input is',
  inputMatches: 'input contains',
  output: 'output is',
  outputMatches: 'output contains',
  attempts: 'attempts',
};

export interface TestFormProps {
  test: TestDef;
  /** The mock config's test cases. */
  testCases: readonly string[];
  /** Every state's name, and the Task states' (mocks answer those). */
  states: readonly string[];
  tasks: readonly string[];
  dark: boolean;
  onSave: (test: TestDef) => Promise<boolean>;
  onCancel: () => void;
  onDelete: () => void;
}

function Row({ label, children, hint }: { label: string; children: ReactNode; hint?: string }): ReactElement {
  return (
    <div className="tf-row">
      <span className="tf-label">{label}</span>
      <div className="tf-control">
        {children}
        {hint !== undefined && <span className="tf-hint">{hint}</span>}
      </div>
    </div>
  );
}

/** The form a test is made and changed with: no JSON file to edit by hand. */
export function TestFormView({ test, testCases, states, tasks, dark, onSave, onCancel, onDelete }: TestFormProps): ReactElement {
  const [f, setF] = useState<TestForm>(() => formOf(test));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [saving, setSaving] = useState(false);
  const put = (patch: Partial<TestForm>): void => setF((old) => ({ ...old, ...patch }));
  const save = (): void => {
    const built = buildTest(f);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors([]);
    setSaving(true);
    void onSave(built.test).finally(() => setSaving(false));
  };
  const mockStates = tasks.length > 0 ? tasks : states;

  return (
    <form
      className="tf"
      data-testid="test-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="tf-scroll">
        <Row label="Name">
          <input className="tf-text" value={f.name} onChange={(e) => put({ name: e.target.value })} data-testid="tf-name" aria-label="Test name" />
        </Row>
        <Row label="Input">
          <JsonEditor value={f.input} onChange={(input) => put({ input })} dark={dark} label="Test input" testId="tf-input" minLines={3} maxHeight={180} />
        </Row>
        <Row label="Start time" hint="$$.Execution.StartTime and the timestamps; empty for now.">
          <div className="tf-inline">
            <input className="tf-text" value={f.startTime} placeholder="2026-01-01T00:00:00Z" onChange={(e) => put({ startTime: e.target.value })} aria-label="Start time" data-testid="tf-start-time" />
            <span className="tf-label tf-label--inline">Seed</span>
            <input className="tf-text tf-narrow" value={f.seed} placeholder="0" onChange={(e) => put({ seed: e.target.value })} aria-label="Seed" title="Retry jitter, States.UUID and States.MathRandom" data-testid="tf-seed" />
          </div>
        </Row>
        <h4 className="tf-section">Task answers</h4>
        <Row label="Test case" hint={testCases.length === 0 ? 'No mock config next to the machine.' : 'Its mocked responses answer the Tasks it names.'}>
          <select value={f.testCase} onChange={(e) => put({ testCase: e.target.value })} data-testid="tf-test-case" aria-label="Mock config test case">
            <option value="">None</option>
            {testCases.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </Row>
        <Row label="Mocks" hint="By invocation (0, 1-2, …), before the test case's.">
          <div className="tf-rows" data-testid="tf-mocks">
            {f.mocks.map((m, i) => {
              const change = (patch: Partial<typeof m>): void => put({ mocks: f.mocks.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div className="tf-mock" key={i} data-testid="tf-mock" data-field={`mock-${i}`}>
                  <StateSelect value={m.state} options={mockStates} onChange={(state) => change({ state })} label={`Mock ${i + 1} state`} />
                  <input className="tf-text tf-narrow" value={m.invocation} onChange={(e) => change({ invocation: e.target.value })} aria-label={`Mock ${i + 1} invocation`} title="Invocation: 0 for the first, or a range like 1-2" />
                  <select value={m.kind} onChange={(e) => change({ kind: e.target.value === 'Throw' ? 'Throw' : 'Return' })} aria-label={`Mock ${i + 1} kind`}>
                    <option value="Return">Return</option>
                    <option value="Throw">Throw</option>
                  </select>
                  {m.kind === 'Return' ? (
                    <JsonField value={m.value} onChange={(value) => change({ value })} label={`Mock ${i + 1} result`} />
                  ) : (
                    <>
                      <input className="tf-text" value={m.error} placeholder="Error" onChange={(e) => change({ error: e.target.value })} aria-label={`Mock ${i + 1} error`} />
                      <input className="tf-text" value={m.cause} placeholder="Cause" onChange={(e) => change({ cause: e.target.value })} aria-label={`Mock ${i + 1} cause`} />
                    </>
                  )}
                  <button type="button" className="rp-icon rp-icon--danger" aria-label={`Remove mock ${i + 1}`} onClick={() => put({ mocks: f.mocks.filter((_, j) => j !== i) })}>
                    ×
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              className="rp-link"
              data-testid="tf-add-mock"
              onClick={() => put({ mocks: [...f.mocks, { state: mockStates[0] ?? '', invocation: '0', kind: 'Return', value: '{}', error: '', cause: '' }] })}
            >
              + Add a mocked answer
            </button>
          </div>
        </Row>
        <h4 className="tf-section">Expectations</h4>
        <Row label="Status" hint="Default: FAILED when an error or cause is given, else SUCCEEDED.">
          <select value={f.status} onChange={(e) => put({ status: STATUSES.find((s) => s === e.target.value) ?? '' })} data-testid="tf-status" aria-label="Expected status">
            <option value="">Default</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Row>
        <Row label="Output">
          <div className="tf-stack">
            <select
              value={f.outputMode}
              onChange={(e) => put({ outputMode: e.target.value === 'exact' ? 'exact' : e.target.value === 'partial' ? 'partial' : 'none' })}
              data-testid="tf-output-mode"
              aria-label="How the output is checked"
            >
              <option value="none">Not checked</option>
              <option value="exact">Is exactly</option>
              <option value="partial">Contains (other fields allowed)</option>
            </select>
            {f.outputMode !== 'none' && <JsonEditor value={f.output} onChange={(output) => put({ output })} dark={dark} label="Expected output" testId="tf-output" minLines={3} maxHeight={200} />}
          </div>
        </Row>
        <Row label="Error">
          <input className="tf-text" value={f.error} onChange={(e) => put({ error: e.target.value })} data-testid="tf-error" aria-label="Expected error" placeholder="e.g. PaymentDeclined" />
        </Row>
        <Row label="Cause">
          <div className="tf-inline">
            <select value={f.causeMode} onChange={(e) => put({ causeMode: e.target.value === 'contains' ? 'contains' : 'exact' })} aria-label="How the cause is checked">
              <option value="exact">Is</option>
              <option value="contains">Contains</option>
            </select>
            <input className="tf-text" value={f.cause} onChange={(e) => put({ cause: e.target.value })} data-testid="tf-cause" aria-label="Expected cause" />
          </div>
        </Row>
        <Row label="States visited">
          <div className="tf-stack">
            <select
              value={f.pathMode}
              onChange={(e) => put({ pathMode: e.target.value === 'path' ? 'path' : e.target.value === 'visits' ? 'visits' : 'none' })}
              aria-label="How the states visited are checked"
              data-testid="tf-path-mode"
            >
              <option value="none">Not checked</option>
              <option value="path">Exactly these, in order</option>
              <option value="visits">These in order, others between</option>
            </select>
            {f.pathMode !== 'none' && <ChipsField value={f.path} options={states} onChange={(path) => put({ path })} label="States visited" testId="tf-path" />}
          </div>
        </Row>
        <Row label="Not visited">
          <ChipsField value={f.notVisited} options={states} onChange={(notVisited) => put({ notVisited })} label="States not visited" testId="tf-not-visited" />
        </Row>
        <Row label="State checks" hint="A state's input, output or attempts at one visit (1 = the first).">
          <div className="tf-rows">
            {f.checks.map((c, i) => {
              const change = (patch: Partial<typeof c>): void => put({ checks: f.checks.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
              return (
                <div className="tf-mock" key={i} data-testid="tf-check" data-field={`check-${i}`}>
                  <StateSelect value={c.state} options={states} onChange={(state) => change({ state })} label={`Check ${i + 1} state`} />
                  <input className="tf-text tf-narrow" value={c.visit} placeholder="1" onChange={(e) => change({ visit: e.target.value })} aria-label={`Check ${i + 1} visit`} />
                  <select value={c.field} onChange={(e) => change({ field: CHECK_FIELDS.find((x) => x === e.target.value) ?? 'output' })} aria-label={`Check ${i + 1} field`}>
                    {CHECK_FIELDS.map((x) => (
                      <option key={x} value={x}>
                        {CHECK_LABEL[x]}
                      </option>
                    ))}
                  </select>
                  {c.field === 'attempts' ? (
                    <input className="tf-text tf-narrow" value={c.value} onChange={(e) => change({ value: e.target.value })} aria-label={`Check ${i + 1} attempts`} />
                  ) : (
                    <JsonField value={c.value} onChange={(value) => change({ value })} label={`Check ${i + 1} value`} />
                  )}
                  <button type="button" className="rp-icon rp-icon--danger" aria-label={`Remove check ${i + 1}`} onClick={() => put({ checks: f.checks.filter((_, j) => j !== i) })}>
                    ×
                  </button>
                </div>
              );
            })}
            <button type="button" className="rp-link" onClick={() => put({ checks: [...f.checks, { state: '', visit: '', field: 'output', value: '{}' }] })}>
              + Add a state check
            </button>
          </div>
        </Row>
        <Row label="Variables" hint="Top-level variables at the end; others are not checked.">
          <JsonField value={f.variables} onChange={(variables) => put({ variables })} label="Expected variables" placeholder='{"total": 42}' testId="tf-variables" />
        </Row>
        <Row label="Attempts" hint="Of a Task at its first visit: 1 + the retries it took.">
          <div className="tf-rows">
            {f.attempts.map((a, i) => (
              <div className="tf-mock" key={i}>
                <StateSelect value={a.state} options={mockStates} onChange={(state) => put({ attempts: f.attempts.map((x, j) => (j === i ? { ...x, state } : x)) })} label={`Attempts ${i + 1} state`} />
                <input className="tf-text tf-narrow" value={a.count} onChange={(e) => put({ attempts: f.attempts.map((x, j) => (j === i ? { ...x, count: e.target.value } : x)) })} aria-label={`Attempts ${i + 1} count`} />
                <button type="button" className="rp-icon rp-icon--danger" aria-label={`Remove attempts ${i + 1}`} onClick={() => put({ attempts: f.attempts.filter((_, j) => j !== i) })}>
                  ×
                </button>
              </div>
            ))}
            <button type="button" className="rp-link" onClick={() => put({ attempts: [...f.attempts, { state: '', count: '2' }] })}>
              + Add attempts
            </button>
          </div>
        </Row>
      </div>
      {errors.length > 0 && (
        <ul className="tf-errors" role="alert" data-testid="tf-errors">
          {errors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      )}
      <div className="tf-actions">
        <button type="submit" className="button button--primary rp-small" disabled={saving} data-testid="tf-save">
          Save test
        </button>
        <button type="button" className="button rp-small" onClick={onCancel} data-testid="tf-cancel">
          Close
        </button>
        <button type="button" className="rp-link rp-link--danger tf-delete" onClick={onDelete} data-testid="tf-delete">
          Delete test
        </button>
      </div>
    </form>
  );
}
