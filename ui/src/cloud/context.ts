import { createContext, useContext } from 'react';
import type { InspectionLevel } from '../bindings/InspectionLevel';
import type { PreviewReply } from '../bindings/PreviewReply';
import type { PreviewRequest } from '../bindings/PreviewRequest';

/** The data-flow preview run by AWS's TestState; answered as the local preview is. */
export type AwsPreview = (request: PreviewRequest, level: InspectionLevel) => Promise<PreviewReply>;

/** `null` unless the window is connected to an AWS account. */
export const AwsPreviewContext = createContext<AwsPreview | null>(null);

export function useAwsPreview(): AwsPreview | null {
  return useContext(AwsPreviewContext);
}

/** The parts of two previews that differ: status, next state, output and each stage by name. */
export function differences(local: PreviewReply, aws: PreviewReply): string[] {
  const out: string[] = [];
  if (local.status !== aws.status) out.push('status');
  if (local.nextState !== aws.nextState) out.push('next state');
  if ((local.error ?? null) !== (aws.error ?? null)) out.push('error');
  const stages = new Map(aws.stages.map((s) => [s.stage, s.value]));
  for (const s of local.stages) {
    if (!stages.has(s.stage)) continue;
    if (!sameJson(stages.get(s.stage) ?? '', s.value)) out.push(s.stage);
  }
  if (local.output !== null && aws.output !== null && !sameJson(local.output, aws.output)) out.push('output');
  return out;
}

/** Equal as JSON (key order and spacing aside); as text when either is not JSON. */
function sameJson(a: string, b: string): boolean {
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch {
    return a.trim() === b.trim();
  }
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
