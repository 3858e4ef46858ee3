import type { ReactElement } from 'react';
import type { SubstitutionRow } from '../bindings/SubstitutionRow';

/** What a placeholder stands for, in a few words: the resource it links to, else its origin. */
export function standsFor(row: SubstitutionRow): string {
  if (row.resource !== null) {
    const r = row.resource;
    return `${r.id} · ${r.resourceType} · ${r.file}${r.line > 0 ? `:${r.line}` : ''}`;
  }
  switch (row.origin) {
    case 'template':
      return row.expression ?? 'from the template';
    case 'parameter':
      return `parameter ${row.expression ?? row.name}`;
    case 'pseudo':
      return 'AWS pseudo parameter';
    case 'given':
      return 'given for runs';
    case 'none':
      return 'no value: set one in the run panel';
  }
}

/** The placeholders used at `pointer`, as chips: what each stands for and the value a run uses. */
export function PlaceholderChips({ pointer, rows }: { pointer: string; rows: readonly SubstitutionRow[] | undefined }): ReactElement | null {
  const here = (rows ?? []).filter((r) => r.pointers.includes(pointer));
  if (here.length === 0) return null;
  return (
    <div className="placeholder-chips">
      {here.map((r) => (
        <span
          key={r.name}
          className="placeholder-chip"
          data-testid="placeholder-chip"
          data-name={r.name}
          title={[r.expression, r.value === null ? 'no value' : `a run uses ${r.value}`].filter((x) => x !== null).join('\n')}
        >
          <code className="placeholder-chip__name">{`\${${r.name}}`}</code>
          <span className="placeholder-chip__what">{standsFor(r)}</span>
        </span>
      ))}
    </div>
  );
}
