/**
 * The test form's model: a `TestDef` as fields a person fills in (JSON values as text, state
 * checks one per row), and back. Pure, so the conversion is tested without a DOM.
 */
import type { ExpectedStatus } from '../bindings/ExpectedStatus';
import type { MockedResult } from '../bindings/MockedResult';
import type { StateExpect } from '../bindings/StateExpect';
import type { TestDef } from '../bindings/TestDef';

export interface MockRow {
  state: string;
  /** Invocation(s): `0`, `1-2`. */
  invocation: string;
  kind: 'Return' | 'Throw';
  /** Return: the result as JSON text. */
  value: string;
  error: string;
  cause: string;
}

export const CHECK_FIELDS = ['input', 'inputMatches', 'output', 'outputMatches', 'attempts'] as const;
export type CheckField = (typeof CHECK_FIELDS)[number];

export interface CheckRow {
  state: string;
  /** 1-based; empty for the first. */
  visit: string;
  field: CheckField;
  /** JSON text, or a number for `attempts`. */
  value: string;
}

export interface AttemptRow {
  state: string;
  count: string;
}

export type OutputMode = 'none' | 'exact' | 'partial';
export type PathMode = 'none' | 'path' | 'visits';
export type CauseMode = 'exact' | 'contains';

export interface TestForm {
  name: string;
  input: string;
  testCase: string;
  mocks: MockRow[];
  status: ExpectedStatus | '';
  outputMode: OutputMode;
  output: string;
  error: string;
  causeMode: CauseMode;
  cause: string;
  pathMode: PathMode;
  path: string[];
  notVisited: string[];
  checks: CheckRow[];
  /** A JSON object as text; empty for no check. */
  variables: string;
  attempts: AttemptRow[];
  /** Kept as it was: the form does not edit it. */
  handlers: string | null;
  /** ISO 8601; empty for now. */
  startTime: string;
  /** Empty for 0. */
  seed: string;
}

const pretty = (v: unknown): string => JSON.stringify(v, null, 2);

export function formOf(test: TestDef): TestForm {
  const e = test.expect;
  const mocks: MockRow[] = [];
  for (const [state, byInvocation] of Object.entries(test.mocks ?? {})) {
    for (const [invocation, r] of Object.entries(byInvocation)) {
      mocks.push(
        'Return' in r
          ? { state, invocation, kind: 'Return', value: pretty(r.Return), error: '', cause: '' }
          : { state, invocation, kind: 'Throw', value: '', error: r.Throw.Error, cause: r.Throw.Cause ?? '' },
      );
    }
  }
  const checks: CheckRow[] = [];
  for (const s of e.states ?? []) {
    const visit = s.visit === undefined || s.visit === null ? '' : String(s.visit);
    for (const field of CHECK_FIELDS) {
      const v = s[field];
      if (v === undefined || v === null) continue;
      checks.push({ state: s.state, visit, field, value: field === 'attempts' ? String(v) : pretty(v) });
    }
  }
  const outputMode: OutputMode = e.output !== undefined ? 'exact' : e.outputMatches !== undefined ? 'partial' : 'none';
  return {
    name: test.name,
    input: test.input === undefined ? '{}' : pretty(test.input),
    testCase: test.testCase ?? '',
    mocks,
    status: e.status ?? '',
    outputMode,
    output: outputMode === 'exact' ? pretty(e.output) : outputMode === 'partial' ? pretty(e.outputMatches) : '',
    error: e.error ?? '',
    causeMode: e.causeContains !== undefined && e.cause === undefined ? 'contains' : 'exact',
    cause: e.cause ?? e.causeContains ?? '',
    pathMode: e.path !== undefined ? 'path' : e.visits !== undefined ? 'visits' : 'none',
    path: e.path ?? e.visits ?? [],
    notVisited: e.notVisited ?? [],
    checks,
    variables: e.variables === undefined ? '' : pretty(e.variables),
    attempts: Object.entries(e.attempts ?? {}).map(([state, n]) => ({ state, count: String(n) })),
    handlers: test.handlers ?? null,
    startTime: test.startTime ?? '',
    seed: test.seed === undefined ? '' : String(test.seed),
  };
}

/** A field of the form that is not right, with where it is (a data-field name). */
export interface FormError {
  field: string;
  message: string;
}

export type Built = { ok: true; test: TestDef } | { ok: false; errors: FormError[] };

function parse(text: string, field: string, what: string, errors: FormError[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err: unknown) {
    errors.push({ field, message: `${what} is not JSON: ${err instanceof Error ? err.message : String(err)}` });
    return undefined;
  }
}

function count(text: string, field: string, what: string, errors: FormError[]): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isInteger(n) || n < 1) {
    errors.push({ field, message: `${what} must be a whole number from 1` });
    return undefined;
  }
  return n;
}

/** The test the form says, or what is wrong with it. */
export function buildTest(f: TestForm): Built {
  const errors: FormError[] = [];
  if (f.name.trim() === '') errors.push({ field: 'name', message: 'Give the test a name' });
  const test: TestDef = { name: f.name.trim(), expect: {} };
  const input = f.input.trim() === '' ? {} : parse(f.input, 'input', 'The input', errors);
  if (input !== undefined && !(typeof input === 'object' && input !== null && !Array.isArray(input) && Object.keys(input).length === 0)) test.input = input;
  if (f.testCase !== '') test.testCase = f.testCase;
  if (f.handlers !== null) test.handlers = f.handlers;
  if (f.startTime.trim() !== '') {
    if (Number.isNaN(Date.parse(f.startTime.trim()))) errors.push({ field: 'startTime', message: 'The start time is an ISO 8601 time, e.g. 2026-01-01T00:00:00Z' });
    else test.startTime = f.startTime.trim();
  }
  if (f.seed.trim() !== '') {
    const n = Number(f.seed.trim());
    if (!Number.isInteger(n) || n < 0) errors.push({ field: 'seed', message: 'The seed is a whole number from 0' });
    else test.seed = n;
  }
  const mocks: Record<string, Record<string, MockedResult>> = {};
  f.mocks.forEach((m, i) => {
    if (m.state === '') {
      errors.push({ field: `mock-${i}`, message: `Mock ${i + 1}: choose the Task state it answers` });
      return;
    }
    const key = m.invocation.trim() === '' ? '0' : m.invocation.trim();
    if (!/^\d+(-\d+)?$/.test(key)) {
      errors.push({ field: `mock-${i}`, message: `Mock ${i + 1}: the invocation is a number from 0, or a range like 1-2` });
      return;
    }
    let r: MockedResult | null = null;
    if (m.kind === 'Return') {
      const v = parse(m.value.trim() === '' ? 'null' : m.value, `mock-${i}`, `Mock ${i + 1}'s result`, errors);
      if (v !== undefined) r = { Return: v };
    } else if (m.error.trim() === '') {
      errors.push({ field: `mock-${i}`, message: `Mock ${i + 1}: give the error a name, e.g. Lambda.ServiceException` });
    } else {
      r = { Throw: m.cause === '' ? { Error: m.error.trim() } : { Error: m.error.trim(), Cause: m.cause } };
    }
    if (r !== null) {
      const byInvocation = mocks[m.state] ?? {};
      byInvocation[key] = r;
      mocks[m.state] = byInvocation;
    }
  });
  if (Object.keys(mocks).length > 0) test.mocks = mocks;
  const e = test.expect;
  if (f.status !== '') e.status = f.status;
  if (f.outputMode !== 'none') {
    const v = parse(f.output.trim() === '' ? 'null' : f.output, 'output', 'The expected output', errors);
    if (v !== undefined) {
      if (f.outputMode === 'exact') e.output = v;
      else e.outputMatches = v;
    }
  }
  if (f.error.trim() !== '') e.error = f.error.trim();
  if (f.cause !== '') {
    if (f.causeMode === 'exact') e.cause = f.cause;
    else e.causeContains = f.cause;
  }
  if (f.pathMode === 'path') e.path = [...f.path];
  if (f.pathMode === 'visits') e.visits = [...f.path];
  if (f.notVisited.length > 0) e.notVisited = [...f.notVisited];
  const states: StateExpect[] = [];
  f.checks.forEach((c, i) => {
    const field = `check-${i}`;
    if (c.state === '') {
      errors.push({ field, message: `Check ${i + 1}: choose a state` });
      return;
    }
    const visit = count(c.visit, field, `Check ${i + 1}'s visit`, errors);
    let entry = states.find((s) => s.state === c.state && (s.visit ?? undefined) === visit);
    if (entry === undefined) {
      entry = visit === undefined ? { state: c.state } : { state: c.state, visit };
      states.push(entry);
    }
    if (c.field === 'attempts') {
      const n = count(c.value, field, `Check ${i + 1}'s attempts`, errors);
      if (n !== undefined) entry.attempts = n;
    } else {
      const v = parse(c.value.trim() === '' ? 'null' : c.value, field, `Check ${i + 1}'s value`, errors);
      if (v !== undefined) entry[c.field] = v;
    }
  });
  if (states.length > 0) e.states = states;
  if (f.variables.trim() !== '') {
    const v = parse(f.variables, 'variables', 'The variables', errors);
    if (v !== undefined) {
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) e.variables = v as Record<string, unknown>;
      else errors.push({ field: 'variables', message: 'The variables are a JSON object: {"name": value}' });
    }
  }
  const attempts: Record<string, number> = {};
  f.attempts.forEach((a, i) => {
    if (a.state === '') return;
    const n = count(a.count, `attempts-${i}`, `Attempts of ${a.state}`, errors);
    if (n !== undefined) attempts[a.state] = n;
  });
  if (Object.keys(attempts).length > 0) e.attempts = attempts;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, test };
}

/** A blank test: it only has to succeed. */
export function newTest(name: string): TestDef {
  return { name, expect: {} };
}
