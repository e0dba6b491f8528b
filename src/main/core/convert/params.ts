import { splitPatterns, type TagFilters } from './filters'

/** The command fields a parameter can set (ATSD-BEHAVIOUR §2.4). */
export type CommandField = 'type' | 'source' | 'entity' | 'message' | 'severity' | 'date'

const COMMAND_FIELDS: readonly CommandField[] = ['type', 'source', 'entity', 'message', 'severity', 'date']

/** The query string sorted into reserved parameters and tags. */
export interface RequestParams {
  /** `entity=`, `type=`, …: the value itself. */
  literals: Partial<Record<CommandField, string>>
  /** `command.entity=` …: the tag name of the payload field to read. */
  commands: Partial<Record<CommandField, string>>
  /** `header.entity=` …: the request header to read. */
  headers: Partial<Record<CommandField, string>>
  /** `header.tag.NAME=HEADER`: [NAME as written, header name]. */
  headerTags: [string, string][]
  filters: TagFilters
  /** `json.parse=NAME` values as written. */
  jsonParse: string[]
  datetimePattern: string | undefined
  debug: boolean
  /** Non-reserved parameters: [name as written, value]. */
  tags: [string, string][]
  warnings: string[]
}

const FILTER_PARAMS: Readonly<Record<string, keyof TagFilters>> = {
  exclude: 'exclude',
  include: 'include',
  excludevalues: 'excludeValues',
  includevalues: 'includeValues',
}

/**
 * Sorts query parameters (ATSD-BEHAVIOUR §2.4). Reserved names match case-insensitively and never become
 * tags. Hookbench's choices where the spec is silent: a repeated field parameter keeps its last value; an
 * empty value counts as absent (it does not override a lower-precedence source); `command.X` and `header.X`
 * with an unknown X are reserved too, ignored with a warning, rather than becoming odd tags.
 */
export function parseParams(pairs: Iterable<[string, string]>): RequestParams {
  const params: RequestParams = {
    literals: {},
    commands: {},
    headers: {},
    headerTags: [],
    filters: { exclude: [], include: [], excludeValues: [], includeValues: [] },
    jsonParse: [],
    datetimePattern: undefined,
    debug: false,
    tags: [],
    warnings: [],
  }
  for (const [name, value] of pairs) sortParam(params, name, value)
  return params
}

function sortParam(params: RequestParams, name: string, value: string): void {
  const lower = name.toLowerCase()
  const filter = FILTER_PARAMS[lower]
  if (filter !== undefined) params.filters[filter].push(...splitPatterns(value))
  else if (lower === 'debug') params.debug = value.trim().toLowerCase() === 'true'
  else if (lower === 'json.parse') {
    if (value !== '') params.jsonParse.push(value)
  } else if (lower === 'datetimepattern') {
    if (value.trim() !== '') params.datetimePattern = value
  } else if (isCommandField(lower)) setIfPresent(params.literals, lower, value)
  else if (lower.startsWith('header.tag.')) sortHeaderTag(params, name, value)
  else if (lower.startsWith('command.')) sortPrefixed(params, params.commands, name, value)
  else if (lower.startsWith('header.')) sortPrefixed(params, params.headers, name, value)
  else params.tags.push([name, value])
}

function sortHeaderTag(params: RequestParams, name: string, value: string): void {
  const tagName = name.slice('header.tag.'.length)
  if (tagName === '') params.warnings.push(`${name}: no tag name after header.tag.; ignored`)
  else if (value !== '') params.headerTags.push([tagName, value])
}

function sortPrefixed(
  params: RequestParams,
  target: Partial<Record<CommandField, string>>,
  name: string,
  value: string,
): void {
  const dot = name.indexOf('.')
  const field = name.slice(dot + 1).toLowerCase()
  if (isCommandField(field)) setIfPresent(target, field, value)
  else {
    const known = COMMAND_FIELDS.map((f) => `${name.slice(0, dot)}.${f}`).join(', ')
    params.warnings.push(`${name} is not a known parameter (use ${known}); ignored`)
  }
}

function setIfPresent(
  target: Partial<Record<CommandField, string>>,
  field: CommandField,
  value: string,
): void {
  if (value !== '') target[field] = value
}

function isCommandField(name: string): name is CommandField {
  return (COMMAND_FIELDS as readonly string[]).includes(name)
}
