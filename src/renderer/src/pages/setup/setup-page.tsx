import { useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { ErrorState, LoadingState } from '../../components/state-view'
import { goToRoute } from '../../lib/location'
import { canVisit, WIZARD_STEPS, type WizardStep } from '../../lib/wizard'
import { selectShownStep, useTelegramStore } from '../../store/telegram-store'
import { BotCard } from './bot-card'
import { ConnectionAside } from './connection-aside'
import { CheckStep, DoneStep, WaitStep } from './finish-steps'
import { ReachabilityStep } from './reachability-step'
import { TokenStep } from './token-step'
import { CredentialsStep, RegisterStep, UrlStep } from './webhook-steps'

export function SetupPage() {
  const { connection, load, loadError, fetch, goTo, switchToSimulator, busy } = useTelegramStore(
    useShallow((s) => ({
      connection: s.connection,
      load: s.load,
      loadError: s.loadError,
      fetch: s.fetch,
      goTo: s.goTo,
      switchToSimulator: s.switchToSimulator,
      busy: s.busy,
    })),
  )
  const shown = useTelegramStore(selectShownStep)

  useEffect(() => {
    void fetch()
  }, [fetch])

  const onUseSimulator = async () => {
    if (await switchToSimulator()) goToRoute({ page: 'simulator', params: '' })
  }

  return (
    <section className="page" aria-labelledby="setup-title">
      <header className="page__header">
        <h1 id="setup-title">Set up Telegram</h1>
        <p className="muted">Connect a bot, make Hookbench reachable, and see its first update arrive.</p>
      </header>
      <div className="page__body page__body--scroll">
        {load === 'error' && loadError ? (
          <ErrorState
            title="Could not read the Telegram connection"
            error={loadError}
            onRetry={() => void fetch()}
          />
        ) : load !== 'ready' ? (
          <LoadingState label="Reading the Telegram connection…" />
        ) : (
          <div className="wizard">
            <nav className="wizard__steps" aria-label="Setup steps">
              <ol>
                {WIZARD_STEPS.map((step, index) => (
                  <li key={step.id}>
                    <button
                      type="button"
                      className="wizard__step"
                      aria-current={step.id === shown ? 'step' : undefined}
                      disabled={!canVisit(step.id, shown, connection)}
                      onClick={() => goTo(step.id)}
                    >
                      <span className="wizard__step-number" aria-hidden="true">
                        {index + 1}
                      </span>
                      {step.label}
                    </button>
                  </li>
                ))}
              </ol>
            </nav>
            <div className="wizard__main">
              {connection?.bot && <BotCard bot={connection.bot} simulated={connection.simulated} />}
              <StepContent step={shown} />
            </div>
            <ConnectionAside busy={busy === 'simulator'} onUseSimulator={() => void onUseSimulator()} />
          </div>
        )}
      </div>
    </section>
  )
}

function StepContent({ step }: { step: WizardStep }) {
  switch (step) {
    case 'token':
      return <TokenStep />
    case 'reachability':
      return <ReachabilityStep />
    case 'credentials':
      return <CredentialsStep />
    case 'url':
      return <UrlStep />
    case 'register':
      return <RegisterStep />
    case 'check':
      return <CheckStep />
    case 'wait':
      return <WaitStep />
    case 'done':
      return <DoneStep />
  }
}
