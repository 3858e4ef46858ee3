import { useMemo, useState, type ReactElement } from 'react';
import type { DocumentView } from '../bindings/DocumentView';
import { countBySeverity, plural, problemsByState } from '../lib/problems';
import { ErrorIcon } from './icons';
import { ProblemsPanel } from './ProblemsPanel';
import { StateList } from './StateList';

export function DocumentScreen({ view }: { view: DocumentView }): ReactElement {
  const [selected, setSelected] = useState<string | null>(null);
  const byState = useMemo(() => problemsByState(view.states, view.problems), [view]);

  if (view.error !== null) {
    return (
      <main className="document document--error">
        <div className="error-banner" role="alert">
          <ErrorIcon width={20} height={20} />
          <div>
            <h2>This file could not be opened</h2>
            <p>{view.error}</p>
          </div>
        </div>
      </main>
    );
  }

  const nested = view.states.filter((s) => s.depth > 0).length;
  return (
    <>
      <main className="document">
        <section className="panel states-panel" aria-labelledby="states-heading">
          <header className="panel-header">
            <h2 id="states-heading">States</h2>
            <span className="count">{view.states.length}</span>
            {view.comment !== null && (
              <span className="panel-comment" title={view.comment}>
                {view.comment}
              </span>
            )}
          </header>
          <div className="panel-body">
            <StateList
              states={view.states}
              startAt={view.startAt}
              problems={byState}
              selected={selected}
              onSelect={setSelected}
            />
          </div>
        </section>
        <ProblemsPanel problems={view.problems} states={view.states} onSelect={setSelected} />
      </main>
      <StatusBar view={view} nested={nested} />
    </>
  );
}

function StatusBar({ view, nested }: { view: DocumentView; nested: number }): ReactElement {
  const { errors, warnings } = countBySeverity(view.problems);
  return (
    <footer className="statusbar">
      {view.format !== null && <span>{view.format.toUpperCase()}</span>}
      <span>
        {plural(view.states.length, 'state')}
        {nested > 0 && ` (${nested} nested)`}
      </span>
      {view.startAt !== null && <span>StartAt: {view.startAt}</span>}
      <span className="statusbar-spacer" />
      <span className={errors > 0 ? 'status-error' : warnings > 0 ? 'status-warning' : 'status-ok'}>
        {errors === 0 && warnings === 0 ? 'Valid' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`}
      </span>
    </footer>
  );
}
