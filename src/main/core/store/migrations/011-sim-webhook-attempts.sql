-- The simulator's webhook delivery attempts (docs/simulator.md "Webhook delivery"): one row per POST of an
-- update to a bot's webhook, so the Simulator page and GET /api/simulator/bots/:id/webhook show each try,
-- its answer or Telegram's words for the failure, and when the same update goes out again. It landed after
-- 010 (itself after 015), so it stays last in database.ts's MIGRATIONS: the array order is the schema version.
-- About the newest 1000 per bot are kept.
CREATE TABLE sim_webhook_attempts (
  id INTEGER PRIMARY KEY,
  bot_id INTEGER NOT NULL REFERENCES sim_bots(id) ON DELETE CASCADE,
  update_id INTEGER NOT NULL,
  chat_id INTEGER NOT NULL,
  attempt INTEGER NOT NULL,               -- 1 = the first delivery of this update, 2 = its first retry …
  started_at INTEGER NOT NULL,            -- Unix ms
  duration_ms INTEGER NOT NULL,
  status INTEGER,                         -- the HTTP status the bot answered; NULL when none came
  error TEXT,                             -- last_error_message's words; NULL when delivered
  outcome TEXT NOT NULL,                  -- delivered | retry | dropped
  retry_at INTEGER                        -- Unix ms of the next attempt (outcome retry)
);
CREATE INDEX sim_webhook_attempts_bot ON sim_webhook_attempts(bot_id, id);
