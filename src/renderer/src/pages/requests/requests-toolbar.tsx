import type { ReactNode, Ref } from 'react'
import { DebouncedInput } from '../../components/debounced-input'
import { Icon } from '../../components/icon'
import { PopoverMenu } from '../../components/popover-menu'
import { isEmptyFilter, type RequestFilter } from '../../lib/filter-url'
import { formatCount, formatTimeRange, formatTotal, isoToLocalInput, localInputToIso } from '../../lib/format'
import { IncidentsLink } from './incidents-link'

export interface RequestsToolbarProps {
  filter: RequestFilter
  onFilterChange(filter: RequestFilter): void
  total: number
  /** The core stopped counting at `total`: shown as `10,000+`. */
  totalCapped: boolean
  paused: boolean
  unseen: number
  onTogglePause(): void
  onClear(): void
  searchRef: Ref<HTMLInputElement>
  /** Rows checked for export; 0 hides the selection bar. */
  checkedCount: number
  onClearChecked(): void
  /** The Export menu (it reads the selection and the filter itself). */
  exportMenu: ReactNode
}

const STATUS_OPTIONS = ['2xx', '3xx', '4xx', '5xx'] as const

export function RequestsToolbar({
  filter,
  onFilterChange,
  total,
  totalCapped,
  paused,
  unseen,
  onTogglePause,
  onClear,
  searchRef,
  checkedCount,
  onClearChecked,
  exportMenu,
}: RequestsToolbarProps) {
  const change = (patch: Partial<RequestFilter>) => onFilterChange({ ...filter, ...patch })
  const filtered = !isEmptyFilter(filter)
  return (
    <div className="toolbar">
      <div className="toolbar__filters" role="search" aria-label="Filter requests">
        <label className="search">
          <Icon name="search" />
          <DebouncedInput
            type="search"
            label="Search request bodies"
            placeholder="Search bodies  /"
            className="search__input"
            value={filter.text ?? ''}
            onCommit={(text) => change({ text: text || undefined })}
            inputRef={searchRef}
          />
        </label>
        <select
          className="select"
          aria-label="Status class"
          value={filter.status ?? ''}
          onChange={(event) =>
            change({ status: STATUS_OPTIONS.find((option) => option === event.target.value) ?? undefined })
          }
        >
          <option value="">Any status</option>
          {STATUS_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <DebouncedInput
          label="Path contains"
          placeholder="Path"
          className="input input--narrow"
          value={filter.path ?? ''}
          onCommit={(path) => change({ path: path || undefined })}
        />
        <DebouncedInput
          label="Entity"
          placeholder="Entity"
          className="input input--narrow"
          value={filter.entity ?? ''}
          onCommit={(entity) => change({ entity: entity || undefined })}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={filter.errorsOnly ?? false}
            onChange={(event) => change({ errorsOnly: event.target.checked || undefined })}
          />
          Errors only
        </label>
        <PopoverMenu
          id="time-range"
          title="Time range"
          label={formatTimeRange(filter.from, filter.to)}
          active={filter.from !== undefined || filter.to !== undefined}
        >
          <div className="popover__form">
            <label className="field">
              <span className="field__label">From</span>
              <input
                type="datetime-local"
                className="input"
                value={isoToLocalInput(filter.from)}
                onChange={(event) => change({ from: localInputToIso(event.target.value) })}
              />
            </label>
            <label className="field">
              <span className="field__label">To</span>
              <input
                type="datetime-local"
                className="input"
                value={isoToLocalInput(filter.to)}
                onChange={(event) => change({ to: localInputToIso(event.target.value) })}
              />
            </label>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => change({ from: undefined, to: undefined })}
            >
              Any time
            </button>
          </div>
        </PopoverMenu>
        {filter.updateId !== undefined && (
          <button
            type="button"
            className="button button--small"
            title="Show every request again"
            onClick={() => change({ updateId: undefined })}
          >
            update_id {filter.updateId} ✕
          </button>
        )}
        {filtered && (
          <button type="button" className="button button--ghost" onClick={() => onFilterChange({})}>
            Reset<span className="visually-hidden"> filters</span>
          </button>
        )}
        <IncidentsLink />
      </div>
      <div className="toolbar__actions" role="group" aria-label="Request list actions">
        {checkedCount > 0 && (
          <span className="toolbar__selection" role="status">
            {formatCount(checkedCount)} checked
            <button type="button" className="button button--ghost button--small" onClick={onClearChecked}>
              Uncheck all
            </button>
          </span>
        )}
        <span className="toolbar__count">
          {formatTotal(total, totalCapped)}{' '}
          {filtered ? 'matching' : total === 1 && !totalCapped ? 'request' : 'requests'}
        </span>
        <button
          type="button"
          className={paused ? 'button button--attention' : 'button'}
          onClick={onTogglePause}
        >
          <Icon name={paused ? 'play' : 'pause'} />
          <span>{paused ? `Resume${unseen > 0 ? ` (${formatCount(unseen)} new)` : ''}` : 'Pause live'}</span>
        </button>
        {exportMenu}
        <button type="button" className="button" onClick={onClear}>
          <Icon name="trash" />
          <span>Clear</span>
        </button>
      </div>
    </div>
  )
}
