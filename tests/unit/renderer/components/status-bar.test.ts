import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { StatusBar, type StatusBarProps } from '@renderer/components/status-bar'

const text = (props: Partial<StatusBarProps>) =>
  renderToStaticMarkup(
    createElement(StatusBar, {
      listening: '127.0.0.1:8780',
      connection: 'connected',
      tunnel: 'online',
      simulated: false,
      webhookSet: true,
      requestCount: 2,
      onHelp: () => {},
      ...props,
    }),
  ).replace(/<[^>]+>/g, '')

describe('StatusBar', () => {
  it('shows the tunnel state for a real bot', () => {
    expect(text({ tunnel: 'online' })).toContain('Tunnel online')
  })

  it('says Simulator, not "Tunnel online", when the bot is the built-in simulator', () => {
    const bar = text({ tunnel: 'online', simulated: true })
    expect(bar).toContain('Bot API Simulator')
    expect(bar).not.toContain('Tunnel')
  })
})
