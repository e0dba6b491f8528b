import type { PageId } from '../lib/route'
import { Icon, type IconName } from './icon'

export interface NavItem {
  id: PageId
  label: string
  icon: IconName
  href: string
}

export interface AppNavProps {
  items: readonly NavItem[]
  current: PageId
}

export function AppNav({ items, current }: AppNavProps) {
  return (
    <nav className="app-nav" aria-label="Pages">
      <div className="app-nav__brand" aria-hidden="true">
        <span className="app-nav__logo">hb</span>
        <span>Hookbench</span>
      </div>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <a
              className="app-nav__link"
              href={item.href}
              title={item.label}
              aria-current={item.id === current ? 'page' : undefined}
            >
              <Icon name={item.icon} />
              <span>{item.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
