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
  replay: 'M3 8a5 5 0 1 0 1.5-3.6M3 2.5v2.5h2.5',
  edit: 'M10.5 2.5l3 3-7.5 7.5H3v-3zM9 4l3 3',
  download: 'M8 2.5v8M4.5 7l3.5 3.5L11.5 7M2.5 13.5h11',
  plus: 'M8 3v10M3 8h10',
  send: 'M2.5 8L13.5 3l-4 10.5-2-4.5z',
  attach: 'M10.5 4.5l-5 5a1.4 1.4 0 0 0 2 2l5.5-5.5a2.8 2.8 0 0 0-4-4L3.5 7.5a4.2 4.2 0 0 0 6 6l4-4',
  setup: 'M6 1.5v3M10 1.5v3M4.5 4.5h7v3a3.5 3.5 0 0 1-7 0zM8 11v3.5',
  alerts: 'M4 11.5v-4a4 4 0 0 1 8 0v4l1 1H3zM6.5 13.5a1.5 1.5 0 0 0 3 0',
  rules: 'M2.5 3.5h11M2.5 8h6M2.5 12.5h4M10.5 10l2.5 2.5-2.5 2.5',
  simulator: 'M4.5 1.5h7v13h-7zM7 12.5h2',
  scenarios: 'M3 2.5h10v11H3zM5 6l1 1 2-2M5 10.5l1 1 2-2M9.5 6.5H11M9.5 11H11',
  conversations: 'M1.5 2.5h9v6h-5l-2.5 2v-2h-1.5zM12.5 5.5h2v6h-1.5v2l-2.5-2h-4',
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
