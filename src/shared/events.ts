import { z } from 'zod'
import { Incident, MessageRow, RequestSummary, Status } from './domain'
import { Settings } from './settings'
import { Alert, Delivery } from './alerts'
import { AlertStatus } from './rules'
import { SimWebhookAttempt, TranscriptItem } from './simulator'
import { TelegramConnection } from './telegram'
import { BotCall, ForwardAttempt, ForwardedUpdate, ForwardingState } from './bot-loop'
import { RunHead, ScenarioRecording, StepResult } from './scenarios'

/** Everything the core pushes live: `domain.pastTense`. */
export const CoreEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request.received'), request: RequestSummary }),
  z.object({
    type: z.literal('message.converted'),
    message: MessageRow,
    /** Set when the request redelivers an earlier Telegram update (same update_id): rules skip it. */
    duplicateOf: z.number().int().nullable(),
  }),
  z.object({ type: z.literal('incident.recorded'), incident: Incident }),
  z.object({ type: z.literal('requests.cleared'), deleted: z.number().int() }),
  z.object({ type: z.literal('retention.applied'), deleted: z.number().int(), at: z.string() }),
  z.object({ type: z.literal('settings.changed'), settings: Settings }),
  z.object({ type: z.literal('status.changed'), status: Status }),
  z.object({
    type: z.literal('alert.changed'),
    alert: Alert,
    transition: z.union([AlertStatus, z.enum(['ACKNOWLEDGED', 'CLOSED'])]),
  }),
  z.object({ type: z.literal('delivery.recorded'), delivery: Delivery }),
  z.object({ type: z.literal('rules.changed') }),
  z.object({ type: z.literal('telegram.changed'), connection: TelegramConnection }),
  z.object({ type: z.literal('simulator.message'), chatId: z.number().int(), item: TranscriptItem }),
  /** The simulator posted an update to a bot's webhook: delivered, or failed and due again. */
  z.object({ type: z.literal('simulator.webhookAttempted'), attempt: SimWebhookAttempt }),
  z.object({ type: z.literal('botcall.recorded'), call: BotCall }),
  z.object({ type: z.literal('update.queued'), update: ForwardedUpdate }),
  z.object({ type: z.literal('forward.attempted'), attempt: ForwardAttempt }),
  z.object({ type: z.literal('forwarding.changed'), forwarding: ForwardingState }),
  /** A scenario run's live progress: each step as it ends (`runId` is the run's id once it is stored). */
  z.object({
    type: z.literal('scenario.step'),
    runKey: z.string(),
    file: z.string(),
    step: StepResult,
  }),
  z.object({ type: z.literal('scenario.started'), runKey: z.string(), files: z.array(z.string()) }),
  z.object({ type: z.literal('scenario.finished'), runKey: z.string(), run: RunHead }),
  z.object({ type: z.literal('recording.changed'), recording: ScenarioRecording }),
  z.object({ type: z.literal('scenarios.changed') }),
])
export type CoreEvent = z.infer<typeof CoreEvent>
export type CoreEventType = CoreEvent['type']
