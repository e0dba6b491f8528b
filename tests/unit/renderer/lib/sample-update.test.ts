import { describe, expect, it } from 'vitest'
import { SAMPLE_TELEGRAM_UPDATE, sampleUpdateCurl, telegramWebhookUrl } from '@renderer/lib/sample-update'
import fixture from '../../../fixtures/shared/telegram/private-text.json'

describe('sample Telegram update', () => {
  it('is the private-text fixture', () => {
    expect(SAMPLE_TELEGRAM_UPDATE).toEqual(fixture)
  })

  it('builds the webhook URL with the default query', () => {
    expect(telegramWebhookUrl('http://127.0.0.1:8080/')).toBe(
      'http://127.0.0.1:8080/api/v1/messages/webhook/telegram?command.message=message.text',
    )
  })

  it('posts the update as JSON, with a webhook user placeholder when anonymous webhooks are off', () => {
    const url = telegramWebhookUrl('http://127.0.0.1:8080')
    const anonymous = sampleUpdateCurl(url)
    expect(anonymous).toContain(`'${url}'`)
    expect(anonymous).toContain(`-H 'Content-Type: application/json'`)
    expect(anonymous).toContain('"update_id": 815196407')
    expect(anonymous).not.toContain(' -u ')
    expect(sampleUpdateCurl(url, 'USER')).toContain(`-u "USER:$HOOKBENCH_PASSWORD"`)
  })
})
