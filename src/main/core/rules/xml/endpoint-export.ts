import { maskSecrets } from '../../log'
import { ENDPOINT_ELEMENT, formatHeaderLines, maskHeaderValue } from './endpoints'
import { assembleChildren } from './extras'
import type { ImportedEndpoint } from './types'
import type { XmlElement } from './xml-tree'
import { branch, comment, indentLine, leaf, serializePretty } from './xml-write'

const ENDPOINT_ORDER = [
  'enabled',
  'logResponse',
  'name',
  'description',
  'ignoreSslErrors',
  'method',
  'contentType',
  'url',
  'headers',
  'body',
  'authType',
  'username',
  'password',
  'exposedTableModelParams',
]
const ENDPOINT_RESERVED = new Set(
  ENDPOINT_ORDER.filter((name) => name !== 'description' && name !== 'exposedTableModelParams'),
)

function secretsMasked(endpoint: ImportedEndpoint): ImportedEndpoint {
  const headers = Object.fromEntries(
    Object.entries(endpoint.headers).map(([name, value]) => [name, maskHeaderValue(name, value)]),
  )
  return {
    ...endpoint,
    url: maskSecrets(endpoint.url),
    body: maskSecrets(endpoint.body),
    headers,
    password: endpoint.password === '' ? '' : '***',
  }
}

function endpointLines(source: ImportedEndpoint, maskSecretValues: boolean): string[] {
  const endpoint = maskSecretValues ? secretsMasked(source) : source
  const texts: [string, string][] = [
    ['enabled', String(endpoint.enabled)],
    ['logResponse', String(endpoint.logResponse)],
    ['name', endpoint.name],
    ['ignoreSslErrors', String(endpoint.ignoreSslErrors)],
    ['method', endpoint.method],
    ['contentType', endpoint.contentType],
    ['url', endpoint.url],
    ['headers', formatHeaderLines(endpoint.headers)],
    ['body', endpoint.body],
    ['authType', endpoint.authType],
    ['username', endpoint.username],
    ['password', endpoint.password],
  ]
  const written = new Map(texts.map(([name, text]): [string, XmlElement[]] => [name, [leaf(name, text)]]))
  const { children, refused } = assembleChildren(
    ENDPOINT_ORDER,
    written,
    endpoint.atsdExtra,
    ENDPOINT_RESERVED,
  )
  const notes = refused.map((name) =>
    indentLine(
      comment(
        `Hookbench: endpoint "${endpoint.name}": kept element <${name}> is not valid XML for it and was not exported.`,
      ),
      1,
    ),
  )
  return [...notes, serializePretty(branch(ENDPOINT_ELEMENT, children), 1)]
}

/**
 * Writes endpoints as ATSD's WebNotificationConfig list (`<list>…</list>`), headers as CRLF-separated
 * `Name: value` lines. With `maskSecrets`, passwords, the secret part of Authorization-like headers and
 * credentials in URLs and bodies are replaced by `***` (for sharing; such a file cannot be re-imported
 * as working endpoints).
 */
export function exportAtsdEndpointsXml(
  endpoints: ImportedEndpoint[],
  opts: { maskSecrets?: boolean } = {},
): string {
  const lines = endpoints.flatMap((endpoint) => endpointLines(endpoint, opts.maskSecrets === true))
  return ['<list>', ...lines, '</list>', ''].join('\n')
}
