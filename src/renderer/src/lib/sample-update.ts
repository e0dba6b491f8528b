import { buildCurl } from './curl'

/** shared/fixtures/telegram/private-text.json: what Telegram posts for a private text message. */
export const SAMPLE_TELEGRAM_UPDATE = {
  update_id: 815196407,
  message: {
    message_id: 223,
    from: {
      id: 77462709,
      is_bot: false,
      first_name: 'Ada',
      last_name: 'Lovelace',
      username: 'ada_l',
      language_code: 'en',
    },
    chat: { id: 77462709, first_name: 'Ada', last_name: 'Lovelace', username: 'ada_l', type: 'private' },
    date: 1717000000,
    text: 'status of cpu_busy on nurswgvml007?',
  },
}

/** SPEC "Setup wizard": the default webhook query turns the chat text into the message. */
const TELEGRAM_WEBHOOK_PATH = '/api/v1/messages/webhook/telegram?command.message=message.text'

export function telegramWebhookUrl(receiverUrl: string): string {
  return `${receiverUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`
}

/** A curl that posts the sample update; with `basicUser` it carries a webhook user's credentials. */
export function sampleUpdateCurl(webhookUrl: string, basicUser?: string): string {
  return buildCurl(
    {
      method: 'POST',
      url: webhookUrl,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SAMPLE_TELEGRAM_UPDATE, null, 2),
      bodyEncoding: 'utf8',
    },
    basicUser === undefined ? {} : { basicUser },
  )
}
