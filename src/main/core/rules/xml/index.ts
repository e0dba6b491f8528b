/**
 * Import and export of ATSD rules XML and web notification endpoint lists (ATSD-BEHAVIOUR §8).
 * Pure: strings in, data out; failures are returned, never thrown.
 */
export { importAtsdXml, importAtsdRoot, MAX_RULES } from './import-atsd-xml'
export { exportAtsdRulesXml } from './rule-export'
export { exportAtsdEndpointsXml } from './endpoint-export'
export { MAX_XML_BYTES, parseXmlDocument, parseXmlWith, XML_LIMITS } from './xml-tree'
export type { XmlParse } from './xml-tree'
export type {
  AtsdImport,
  AtsdImportResult,
  FieldOutcome,
  ImportedEndpoint,
  ImportReport,
  RuleReport,
  XmlError,
} from './types'
