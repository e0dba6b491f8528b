import type { AuthOutcome } from '@shared/domain'

export interface StatusBadgeProps {
  status: number
}

export function StatusBadge({ status }: StatusBadgeProps) {
  return <span className={`badge badge--status-${Math.floor(status / 100)}xx`}>{status}</span>
}

const AUTH_LABEL: Record<AuthOutcome, string> = {
  ok: 'ok',
  anonymous: 'anonymous',
  failed: 'failed',
  throttled: 'throttled',
  forbidden: 'forbidden',
  secret_mismatch: 'bad secret',
  unchecked: 'not checked',
}

export interface AuthBadgeProps {
  outcome: AuthOutcome
}

export function AuthBadge({ outcome }: AuthBadgeProps) {
  return <span className={`badge badge--auth-${outcome}`}>{AUTH_LABEL[outcome]}</span>
}
