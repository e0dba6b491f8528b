import { badRequest } from './bot-api-error'

/** A file part of a multipart request (e.g. setWebhook's `certificate`). */
export interface UploadedFile {
  name: string
  type: string
  bytes: Buffer
}

export type ParamValue = string | UploadedFile

/**
 * Parameters of one Bot API call. Like the real server, every value is a string (or an uploaded file): nested
 * objects from a JSON body are re-encoded as JSON strings, so a form and a JSON body read the same way
 * (TELEGRAM.md §1 "Endpoint and HTTP").
 */
export type Params = Map<string, ParamValue>

const isFile = (v: ParamValue | undefined): v is UploadedFile => typeof v === 'object'

function fromJsonValue(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** Parameters from a JSON object (a JSON body, or a method call in a webhook answer). */
export function paramsFromObject(object: Record<string, unknown>, into: Params = new Map()): Params {
  for (const [key, value] of Object.entries(object)) {
    const text = fromJsonValue(value)
    if (text !== null) into.set(key, text)
  }
  return into
}

async function addMultipart(params: Params, contentType: string, body: Buffer): Promise<void> {
  let form: FormData
  try {
    form = await new Request('http://sim.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    }).formData()
  } catch {
    throw badRequest("can't parse multipart/form-data request")
  }
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') params.set(key, value)
    else
      params.set(key, { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) })
  }
}

/**
 * Reads the query string and the body (urlencoded, JSON or multipart; other types are ignored). Body values
 * override query values of the same name.
 */
export async function readParams(
  rawQuery: string,
  contentType: string | undefined,
  body: Buffer | undefined,
): Promise<Params> {
  const params: Params = rawQuery === '' ? new Map() : new Map(new URLSearchParams(rawQuery))
  if (!body || body.length === 0) return params
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v)
  } else if (type === 'application/json') {
    let parsed: unknown
    try {
      parsed = JSON.parse(body.toString('utf8'))
    } catch {
      throw badRequest("can't parse JSON object")
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest('JSON object expected')
    }
    paramsFromObject(parsed as Record<string, unknown>, params)
  } else if (type === 'multipart/form-data') {
    await addMultipart(params, contentType ?? '', body)
  }
  return params
}

/** Typed access to the parameters of one call. */
export interface ParamReader {
  has(name: string): boolean
  /** A text parameter; files read as absent. */
  str(name: string): string | undefined
  /** An integer parameter; absent or not a number → undefined. */
  int(name: string): number | undefined
  /** `true`, `yes` and `1` (trimmed, any case) are true; anything else is false (TELEGRAM.md §1). */
  bool(name: string): boolean
  /** A JSON-encoded parameter; `what` names it in the error for malformed JSON. */
  json(name: string, what?: string): unknown
  file(name: string): UploadedFile | undefined
}

export function paramReader(params: Params): ParamReader {
  const str = (name: string) => {
    const v = params.get(name)
    return isFile(v) ? undefined : v
  }
  return {
    has: (name) => params.has(name),
    str,
    int(name) {
      const v = str(name)?.trim()
      if (!v || !/^[+-]?\d+$/.test(v)) return undefined
      return Number(v)
    },
    bool(name) {
      const v = str(name)?.trim().toLowerCase()
      return v === 'true' || v === 'yes' || v === '1'
    },
    json(name, what = name) {
      const v = str(name)
      if (v === undefined || v === '') return undefined
      try {
        return JSON.parse(v) as unknown
      } catch {
        throw badRequest(`can't parse ${what} JSON object`)
      }
    },
    file(name) {
      const v = params.get(name)
      return isFile(v) ? v : undefined
    },
  }
}
