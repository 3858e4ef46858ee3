import type { ReactElement } from 'react';

/** The glyph of a state type, 16 px, coloured with `currentColor`. */
export function TypeGlyph({ type, size = 16 }: { type: string; size?: number }): ReactElement {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" aria-hidden="true" focusable="false" className="sw-glyph">
      {glyphBody(type)}
    </svg>
  );
}

function glyphBody(type: string): ReactElement {
  switch (type) {
    case 'Task':
      return (
        <>
          <rect x="1.5" y="2.5" width="13" height="11" rx="2.5" stroke="currentColor" strokeWidth="1.6" />
          <path d="M4.5 6.5l2 1.5-2 1.5M8.5 10h3" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </>
      );
    case 'Pass':
      return <path d="M2.5 8h10m-4-4l4 4-4 4" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />;
    case 'Choice':
      return (
        <>
          <path d="M8 1.5l6.5 6.5L8 14.5 1.5 8z" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
          <path d="M8 5v3.2M8 10.6v.1" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </>
      );
    case 'Wait':
      return (
        <>
          <circle cx="8" cy="8" r="6.3" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8 4.5V8l2.4 1.6" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </>
      );
    case 'Succeed':
      return (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M4.8 8.2l2.2 2.2 4.2-4.6" stroke="var(--icon-contrast, #fff)" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
        </>
      );
    case 'Fail':
      return (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8" stroke="var(--icon-contrast, #fff)" strokeWidth="1.7" strokeLinecap="round" />
        </>
      );
    case 'Parallel':
      return (
        <>
          <rect x="2" y="1.5" width="4.2" height="13" rx="1.3" fill="currentColor" />
          <rect x="9.8" y="1.5" width="4.2" height="13" rx="1.3" fill="currentColor" />
        </>
      );
    case 'Map':
      return (
        <>
          <rect x="5.5" y="1.5" width="9" height="9" rx="2" stroke="currentColor" strokeWidth="1.5" />
          <rect x="1.5" y="5.5" width="9" height="9" rx="2" fill="currentColor" />
        </>
      );
    case 'Start':
      return <path d="M5 3.5l7 4.5-7 4.5z" fill="currentColor" />;
    case 'End':
      return <rect x="4" y="4" width="8" height="8" rx="1.5" fill="currentColor" />;
    default:
      return <circle cx="8" cy="8" r="6" stroke="currentColor" strokeWidth="1.6" strokeDasharray="2 2" />;
  }
}

export function ProblemGlyph({ severity }: { severity: 'error' | 'warning' }): ReactElement {
  return severity === 'error' ? (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M8 4.3v4.4" stroke="var(--icon-contrast, #fff)" strokeWidth="1.8" strokeLinecap="round" />
      <circle cx="8" cy="11.4" r="1" fill="var(--icon-contrast, #fff)" />
    </svg>
  ) : (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.5L15 14H1L8 1.5z" fill="currentColor" strokeLinejoin="round" />
      <path d="M8 6v3.6" stroke="var(--icon-contrast, #fff)" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="11.6" r="0.95" fill="var(--icon-contrast, #fff)" />
    </svg>
  );
}
