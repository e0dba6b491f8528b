import { describe, expect, it } from 'vitest'
import type { TelegramConnection } from '@shared/telegram'
import {
  canVisit,
  defaultWebhookUser,
  furthestStep,
  maskUrlPassword,
  queryParameters,
  shownStep,
  tokenProblem,
  webhookInput,
  webhookUrlPreview,
} from '@renderer/lib/wizard'
import { reachabilityProblem, webhookProblem } from '@renderer/lib/wizard-checks'
import { initialsOf } from '@renderer/lib/initials'
import { connection as baseConnection } from '../workbench-factories'

const connection = (step: TelegramConnection['step']): TelegramConnection => baseConnection({ step })

describe('wizard steps', () => {
  it.each([
    ['token', 'token'],
    ['reachability', 'reachability'],
    ['webhook', 'credentials'],
    ['register', 'register'],
    ['wait', 'wait'],
    ['done', 'done'],
  ] as const)('resumes the flow step %s on the %s screen', (step, screen) => {
    expect(furthestStep(connection(step))).toBe(screen)
    expect(shownStep(null, connection(step))).toBe(screen)
  })

  it('shows an earlier screen the user went back to, never one beyond the flow', () => {
    expect(shownStep('token', connection('register'))).toBe('token')
    expect(shownStep('check', connection('reachability'))).toBe('reachability')
    expect(shownStep('url', connection('webhook'))).toBe('url')
    expect(shownStep('url', connection('reachability'))).toBe('reachability')
    expect(shownStep('wait', connection('done'))).toBe('done')
    expect(shownStep('check', connection('wait'))).toBe('check')
  })

  it('lets the step list visit what has been reached', () => {
    expect(canVisit('check', 'check', connection('wait'))).toBe(true)
    expect(canVisit('done', 'check', connection('wait'))).toBe(false)
    expect(canVisit('url', 'url', connection('webhook'))).toBe(true)
  })
})

describe('wizard checks', () => {
  it('checks the token shape before asking Telegram', () => {
    expect(tokenProblem(' ')).toMatch(/Paste the bot token/)
    expect(tokenProblem('123:abc')).toMatch(/looks like/)
    expect(tokenProblem(`123456789:${'A'.repeat(35)}`)).toBeNull()
  })

  it("applies Telegram's cloud rules to an own URL only when they apply", () => {
    expect(reachabilityProblem({ mode: 'own', publicUrl: 'http://x.test' }, true)?.message).toMatch(/https/)
    expect(reachabilityProblem({ mode: 'own', publicUrl: 'https://x.test:3000' }, true)?.message).toMatch(
      /3000/,
    )
    expect(reachabilityProblem({ mode: 'own', publicUrl: 'http://127.0.0.1:3000' }, false)).toBeNull()
    expect(reachabilityProblem({ mode: 'own', publicUrl: 'nope' }, false)?.where).toEqual([
      { path: ['publicUrl'] },
    ])
    expect(reachabilityProblem({ mode: 'direct', host: 'h', port: 9000 }, true)?.where).toEqual([
      { path: ['port'] },
    ])
    expect(reachabilityProblem({ mode: 'direct', host: '', port: 443 }, true)?.where).toEqual([
      { path: ['host'] },
    ])
    expect(reachabilityProblem({ mode: 'ngrok' }, true)).toBeNull()
  })

  it('leaves generated values out and checks the rest with the contract', () => {
    const draft = { user: '', password: '', secretToken: '', query: '?command.message=message.text' }
    expect(webhookInput(draft)).toEqual({ query: 'command.message=message.text' })
    expect(webhookProblem(draft)).toBeNull()
    expect(webhookProblem({ ...draft, user: 'a b', password: 'short' })?.where).toEqual([
      { path: ['user'] },
      { path: ['password'] },
    ])
  })
})

describe('wizard text', () => {
  it('previews the webhook URL with the password masked', () => {
    expect(webhookUrlPreview('https://bot.example.com', 'tg-bot', 'command.message=message.text')).toBe(
      'https://tg-bot:***@bot.example.com/api/v1/messages/webhook/telegram?command.message=message.text',
    )
  })

  it('names the generated webhook user after the bot, or keeps the registered one', () => {
    expect(defaultWebhookUser(connection('webhook'))).toBe('tg-bot')
    expect(
      defaultWebhookUser({ ...connection('webhook'), bot: { id: 1, username: 'My_Bot', firstName: 'M' } }),
    ).toBe('tg-my_bot')
  })

  it('masks a password in any URL', () => {
    expect(maskUrlPassword('https://u:s3cret@h/p?q')).toBe('https://u:***@h/p?q')
    expect(maskUrlPassword('https://h/p')).toBe('https://h/p')
  })

  it('explains the query parameter by parameter', () => {
    expect(queryParameters('command.message=message.text&x=1')).toEqual([
      { name: 'command.message', value: 'message.text' },
      { name: 'x', value: '1' },
    ])
  })

  it('makes avatar initials', () => {
    expect(initialsOf('Hookbench test bot')).toBe('HT')
    expect(initialsOf('ada')).toBe('A')
    expect(initialsOf('')).toBe('?')
  })
})
