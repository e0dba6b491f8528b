// 16px stroke icons drawn in currentColor, so they follow the text colour tokens.
const PATHS = {
  requests: 'M3 4h10M3 8h10M3 12h6',
  messages: 'M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z',
  diagnostics: 'M1.5 8h3l2-4.5 3 9 2-4.5h3',
  settings:
    'M8 5.5a2.5 2.5 0 1 0 0 5a2.5 2.5 0 1 0 0-5M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
  search: 'M7 2.5a4.5 4.5 0 1 0 0 9a4.5 4.5 0 1 0 0-9M10.3 10.3l3.7 3.7',
  close: 'M4 4l8 8M12 4l-8 8',
  copy: 'M5.5 5.5h8v8h-8zM2.5 10.5v-8h8',
  pause: 'M5.5 3.5v9M10.5 3.5v9',
  play: 'M5 3l8 5-8 5z',
  trash: 'M2.5 4.5h11M6 4.5V2.5h4v2M4 4.5l.7 9h6.6l.7-9',
  chevronRight: 'M6 3.5l4.5 4.5L6 12.5',
  chevronDown: 'M3.5 6l4.5 4.5L12.5 6',
  help: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13M6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.5.3-.8.7-.8 1.3v.4M8 11.6v.4',
  terminal: 'M2.5 3.5h11v9h-11zM5 6.5l2 1.5-2 1.5M8.5 10h2.5',
  filter: 'M2 3.5h12l-4.5 5v4l-3 1.5v-5.5z',
} as const

export type IconName = keyof typeof PATHS

export interface IconProps {
  name: IconName
}

export function Icon({ name }: IconProps) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  )
}
