import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { parseXmlDocument, parseXmlWith, XML_LIMITS, type XmlParse } from './xml'

/** Documents up to this size parse on the calling thread: a few milliseconds, less than a thread start. */
const INLINE_BYTES = 256 * 1024

/**
 * The worker runs `parseXmlWith`'s own source (it is self-contained, see its comment) with fast-xml-parser
 * required from the path this module resolves. `__name` is defined because some transpilers wrap nested
 * functions in it to keep their names.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const __name = (f) => f
const parse = ${parseXmlWith.toString()}
parentPort.postMessage(parse(require(workerData.library), workerData.xml, workerData.limits))
`

/**
 * Parses an import document without holding the event loop (issue 18.8: 1.2 M elements stalled
 * `/api/health` for 4.5 s): large documents go to a worker thread, which also refuses oversized ones, and
 * only the tree comes back.
 */
export async function parseXmlOffThread(xml: string): Promise<XmlParse> {
  if (xml.length <= INLINE_BYTES) return parseXmlDocument(xml)
  const library = createRequire(import.meta.url).resolve('fast-xml-parser')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { library, xml, limits: XML_LIMITS } })
  try {
    return await new Promise<XmlParse>((resolve, reject) => {
      worker.once('message', (result: XmlParse) => resolve(result))
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the XML worker stopped with code ${code}`)))
    })
  } finally {
    await worker.terminate()
  }
}
