import type { ReactElement, SVGProps } from 'react';

type IconProps = SVGProps<SVGSVGElement>;

function base(props: IconProps): IconProps {
  return {
    width: 16,
    height: 16,
    viewBox: '0 0 16 16',
    fill: 'none',
    'aria-hidden': true,
    focusable: false,
    ...props,
  };
}

/** The Stepwise mark: three states stepping down. */
export function LogoMark(props: IconProps): ReactElement {
  return (
    <svg {...base({ width: 28, height: 28, viewBox: '0 0 32 32', ...props })}>
      <defs>
        <linearGradient id="stepwise-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#4f46e5" />
          <stop offset="1" stopColor="#9333ea" />
        </linearGradient>
      </defs>
      <rect x="1" y="1" width="30" height="30" rx="8" fill="url(#stepwise-logo)" />
      <path d="M9.4 12.3v4h1.6M13.8 18.8v3.7h1.6" stroke="#fff" strokeOpacity="0.75" strokeWidth="1.2" strokeLinecap="round" strokeLinejoin="round" />
      <rect x="6.6" y="7.3" width="10.9" height="5" rx="1.5" fill="#fff" />
      <rect x="10.9" y="13.8" width="10.9" height="5" rx="1.5" fill="#fff" />
      <rect x="15.3" y="20" width="10.9" height="5" rx="1.5" fill="#fde68a" />
    </svg>
  );
}

export function ErrorIcon(props: IconProps): ReactElement {
  return (
    <svg {...base(props)}>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.6 5.6l4.8 4.8M10.4 5.6l-4.8 4.8" stroke="var(--icon-contrast)" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

export function WarningIcon(props: IconProps): ReactElement {
  return (
    <svg {...base(props)}>
      <path d="M8 1.5L15 14H1L8 1.5z" fill="currentColor" strokeLinejoin="round" />
      <path d="M8 6v3.6" stroke="var(--icon-contrast)" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="11.6" r="0.95" fill="var(--icon-contrast)" />
    </svg>
  );
}

export function CheckIcon(props: IconProps): ReactElement {
  return (
    <svg {...base(props)}>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M4.8 8.2l2.2 2.2 4.2-4.6" stroke="var(--icon-contrast)" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function FolderIcon(props: IconProps): ReactElement {
  return (
    <svg {...base(props)}>
      <path
        d="M1.75 4.25c0-.7.56-1.25 1.25-1.25h3l1.5 1.5H13c.7 0 1.25.56 1.25 1.25v6c0 .7-.56 1.25-1.25 1.25H3c-.7 0-1.25-.56-1.25-1.25v-7.5z"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function ReloadIcon(props: IconProps): ReactElement {
  return (
    <svg {...base(props)}>
      <path d="M13.2 8A5.2 5.2 0 1 1 11.6 4.3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
      <path d="M12.2 1.8v3h-3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function PlayIcon(props: IconProps): ReactElement {
  return (
    <svg {...base({ width: 10, height: 10, viewBox: '0 0 10 10', ...props })}>
      <path d="M2.5 1.5l6 3.5-6 3.5z" fill="currentColor" />
    </svg>
  );
}

function stroke(props: IconProps): IconProps {
  return base({ stroke: 'currentColor', strokeWidth: 1.5, strokeLinecap: 'round', strokeLinejoin: 'round', ...props });
}

export function NewFileIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke(props)}>
      <path d="M9 1.75H4.5a1.5 1.5 0 0 0-1.5 1.5v9.5a1.5 1.5 0 0 0 1.5 1.5h7a1.5 1.5 0 0 0 1.5-1.5V5.75L9 1.75Z" />
      <path d="M9 1.75v4h4M8 8.25v4M6 10.25h4" />
    </svg>
  );
}

export function SaveIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke(props)}>
      <path d="M3.25 2.25h7.5l2.5 2.5v8a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1v-9.5a1 1 0 0 1 1-1Z" />
      <path d="M5 2.25v3h5v-3M5 14.25v-4.5h6v4.5" />
    </svg>
  );
}

export function UndoIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke(props)}>
      <path d="M5.5 4 2.5 7l3 3" />
      <path d="M2.75 7h6.75a4 4 0 0 1 0 8H7" />
    </svg>
  );
}

export function RedoIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke(props)}>
      <path d="m10.5 4 3 3-3 3" />
      <path d="M13.25 7H6.5a4 4 0 0 0 0 8H9" />
    </svg>
  );
}

export function ExportIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke(props)}>
      <path d="M8 10V2M5 4.75 8 1.75l3 3" />
      <path d="M3 8.75v4a1.5 1.5 0 0 0 1.5 1.5h7a1.5 1.5 0 0 0 1.5-1.5v-4" />
    </svg>
  );
}

export function ChevronDownIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke({ width: 12, height: 12, ...props })}>
      <path d="m4 6 4 4 4-4" />
    </svg>
  );
}

export function SunIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke(props)}>
      <circle cx="8" cy="8" r="3" />
      <path d="M8 1.5v1.25M8 13.25v1.25M1.5 8h1.25M13.25 8h1.25M3.4 3.4l.9.9M11.7 11.7l.9.9M3.4 12.6l.9-.9M11.7 4.3l.9-.9" />
    </svg>
  );
}

export function MoonIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke(props)}>
      <path d="M13.5 9.6A5.75 5.75 0 0 1 6.4 2.5a5.75 5.75 0 1 0 7.1 7.1Z" />
    </svg>
  );
}

export function MonitorIcon(props: IconProps): ReactElement {
  return (
    <svg {...stroke(props)}>
      <rect x="1.75" y="2.5" width="12.5" height="8.5" rx="1.25" />
      <path d="M5.5 14h5M8 11v3" />
    </svg>
  );
}
