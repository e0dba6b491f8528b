import type { RuleInput } from '@shared/rules'

/**
 * An ATSD outgoing-webhook endpoint (`com.axibase.tsd.model.notifications.WebNotificationConfig`).
 * Rules refer to it by `name`; its `url`, `headers` and `body` may contain `${param}` placeholders that
 * each rule fills per status (HttpAction `params`).
 */
export interface ImportedEndpoint {
  name: string
  /** HTTP method as ATSD stores it, e.g. `POST`. */
  method: string
  contentType: string
  url: string
  /** Parsed from ATSD's one-`Name: value`-per-line text. */
  headers: Record<string, string>
  body: string
  /** `NONE` or `BASIC` (then `username`/`password` are sent as `Authorization: Basic`). */
  authType: string
  username: string
  /** A secret: masked by `exportAtsdEndpointsXml(…, { maskSecrets: true })`. */
  password: string
  ignoreSslErrors: boolean
  logResponse: boolean
  enabled: boolean
  /** Elements Hookbench does not use (description, exposedTableModelParams, …), raw XML by name. */
  atsdExtra?: Record<string, string>
}

/**
 * What became of one XML element: `imported` as is, `mapped` onto a differently shaped Hookbench field,
 * or `ignored` (kept for export unless `detail` says otherwise).
 */
export type FieldOutcome = { field: string; outcome: 'imported' | 'mapped' | 'ignored'; detail: string }

/**
 * One `<rule>`: `imported`; `imported_disabled` when Hookbench switched it off (it cannot evaluate it,
 * e.g. a series rule); `skipped` when it could not be represented (see the `ignored` fields' details).
 * A rule that was already disabled in ATSD is `imported` with `enabled: false`.
 */
export interface RuleReport {
  name: string
  status: 'imported' | 'imported_disabled' | 'skipped'
  fields: FieldOutcome[]
}

/** Every element of the input appears in `rules[].fields` or `endpoints[].fields`. */
export interface ImportReport {
  rules: RuleReport[]
  endpoints: { name: string; fields: FieldOutcome[] }[]
  /** Document-level notes: endpoints to import, duplicates, ignored top-level elements. */
  warnings: string[]
}

/** Why a document was refused; `line`/`column` are 1-based when the position is known. */
export interface XmlError {
  message: string
  line?: number
  column?: number
}

/** A successful import: rules (fully defaulted) and endpoints, with the per-element report. */
export interface AtsdImport {
  rules: RuleInput[]
  endpoints: ImportedEndpoint[]
  report: ImportReport
}

/** The outcome of `importAtsdXml`. */
export type AtsdImportResult = { ok: true; value: AtsdImport } | { ok: false; error: XmlError }
