import type { DocumentView } from '../bindings/DocumentView';
import type { Finding } from '../bindings/Finding';
import type { ProblemRow } from '../bindings/ProblemRow';

/** What AWS's validator said of one revision of one document. */
export interface AwsFindings {
  docKey: string;
  revision: number;
  findings: Finding[];
}

/** The state a pointer is in (the longest state pointer it starts with). */
export function stateOf(view: DocumentView, pointer: string): string | null {
  let best: string | null = null;
  for (const s of view.states) {
    if ((pointer === s.pointer || pointer.startsWith(`${s.pointer}/`)) && (best === null || s.pointer.length > best.length)) best = s.pointer;
  }
  return best;
}

/**
 * The view with AWS's findings among its problems, while the document is the revision they
 * are of: each at its pointer, marked as AWS's (`aws-` code, "(AWS)" after the message), so the
 * Problems panel and the canvas show them as they show Stepwise's own.
 */
export function withAwsFindings(view: DocumentView, docKey: string, aws: AwsFindings | null): DocumentView {
  if (aws === null || aws.docKey !== docKey || aws.revision !== view.revision || aws.findings.length === 0) return view;
  const rows: ProblemRow[] = aws.findings.map((f) => {
    const pointer = f.location ?? '';
    return {
      severity: f.severity === 'ERROR' ? 'error' : 'warning',
      code: `aws-${f.code.toLowerCase().replace(/_/g, '-')}`,
      message: `${f.message} (AWS)`,
      pointer,
      state: pointer === '' ? null : stateOf(view, pointer),
      from: null,
      to: null,
    };
  });
  return { ...view, problems: [...view.problems, ...rows] };
}
