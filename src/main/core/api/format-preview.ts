import type { z } from 'zod'
import type { FormatPreview, FormatPreviewInput } from '@shared/simulator'
import { renderTemplatePreview } from '../rules'
import { previewFormat } from '../simulator'
import type { Store } from '../store'

/**
 * The formatting lab's preview (issue 14.4): a draft text, or a rule action's template rendered against a
 * sample message with its placeholders escaped (issue 18.7), parsed as the simulator parses a sendMessage.
 */
export function formatPreview(
  store: Store,
  input: z.output<typeof FormatPreviewInput>,
  nowMs: number,
): FormatPreview {
  if (!input.sample)
    return { ...previewFormat(input.text, input.parseMode, input.kind), sampleMessageId: null }
  const rendered = renderTemplatePreview(store, input.text, input.parseMode, input.sample.messageId, nowMs)
  return { ...previewFormat(rendered.text, input.parseMode, input.kind), sampleMessageId: rendered.messageId }
}
