import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { formatCount } from '../../lib/format'
import { useIncidentsStore } from '../../store/incidents-store'

/**
 * Where refused requests are (issue 15 item 6). A request refused for its credentials or secret token is
 * never stored as a request, only as a security incident (with no body), so an "Auth failed" request filter
 * could never match one; this link to Diagnostics → Security incidents, with their count, replaces it.
 */
export function IncidentsLink() {
  const { load, total, setFilter } = useIncidentsStore(
    useShallow((s) => ({ load: s.load, total: s.total, setFilter: s.setFilter })),
  )
  useEffect(() => {
    if (load === 'idle') void setFilter({})
  }, [load, setFilter])
  return (
    <a
      className="button button--ghost"
      href="#/diagnostics/incidents"
      title="Requests refused for their credentials or secret token are kept as security incidents, without their bodies."
    >
      Security incidents ({load === 'ready' ? formatCount(total) : '…'})
    </a>
  )
}
