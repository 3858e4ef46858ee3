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
