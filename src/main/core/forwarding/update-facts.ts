/** What the timeline and the queue need to know of one Telegram update (TELEGRAM.md §2 "Update"). */
export interface UpdateFacts {
  updateId: number
  updateType: string
  chatId: number | null
  chatTitle: string | null
  text: string | null
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function chatOf(body: Obj): Obj | null {
  if (isObj(body.chat)) return body.chat
  // callback_query: the chat of the message the button is on
  if (isObj(body.message) && isObj(body.message.chat)) return body.message.chat
  // inline_query, pre_checkout_query, …: the private chat with the user (its id is the user's id)
  if (isObj(body.from)) return body.from
  return null
}

function titleOf(chat: Obj): string | null {
  if (typeof chat.title === 'string') return chat.title
  const name = [chat.first_name, chat.last_name].filter((p) => typeof p === 'string').join(' ')
  return name || (typeof chat.username === 'string' ? chat.username : null)
}

/** Reads an update: null when the body is not one (no numeric update_id, or no payload field). */
export function updateFacts(body: unknown): UpdateFacts | null {
  if (!isObj(body) || !Number.isSafeInteger(body.update_id)) return null
  const updateType = Object.keys(body).find((k) => k !== 'update_id' && isObj(body[k]))
  if (!updateType) return null
  const payload = body[updateType] as Obj
  const chat = chatOf(payload)
  const text = [payload.text, payload.caption, payload.data, payload.query].find((t) => typeof t === 'string')
  return {
    updateId: body.update_id as number,
    updateType,
    chatId: chat && typeof chat.id === 'number' ? chat.id : null,
    chatTitle: chat ? titleOf(chat) : null,
    text: (text as string | undefined) ?? null,
  }
}
