import { useEffect, useRef, useState } from 'react'
import { goToRoute } from '../../lib/location'
import { useStatusStore } from '../../store/status-store'
import { selectNeedsSetup, useTelegramStore } from '../../store/telegram-store'

const isBareHash = () => window.location.hash.replace(/^#\/?/, '') === ''

/**
 * First run: when the window opens on no particular page, no bot is connected and no request has ever
 * arrived, the setup wizard is the page to start on. Decided once, when both answers are in.
 */
export function useFirstRunSetup(): void {
  const [openedBare] = useState(isBareHash)
  const decided = useRef(false)
  const telegramReady = useTelegramStore((s) => s.load === 'ready')
  const needsSetup = useTelegramStore(selectNeedsSetup)
  const requests = useStatusStore((s) => s.status?.storage.requests ?? null)
  const fetchTelegram = useTelegramStore((s) => s.fetch)

  useEffect(() => {
    if (openedBare) void fetchTelegram()
  }, [openedBare, fetchTelegram])

  useEffect(() => {
    if (!openedBare || decided.current || !telegramReady || requests === null) return
    decided.current = true
    if (needsSetup && requests === 0 && isBareHash()) goToRoute({ page: 'setup', params: '' })
  }, [openedBare, telegramReady, needsSetup, requests])
}
