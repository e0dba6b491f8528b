import type { TelegramConnection } from '@shared/telegram'
import { initialsOf } from '../../lib/initials'

export interface BotCardProps {
  bot: NonNullable<TelegramConnection['bot']>
  simulated: boolean
}

/** The connected bot as getMe described it: an avatar of its initials, its name and @username. */
export function BotCard({ bot, simulated }: BotCardProps) {
  return (
    <section className="bot-card" aria-label="Connected bot">
      <span className="avatar avatar--large" aria-hidden="true">
        {initialsOf(bot.firstName)}
      </span>
      <div>
        <p className="bot-card__name">{bot.firstName}</p>
        <p className="muted">
          @{bot.username} · id {bot.id}
        </p>
      </div>
      {simulated && <span className="badge badge--info">simulated</span>}
    </section>
  )
}
