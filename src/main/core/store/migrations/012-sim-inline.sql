-- The simulator, inline mode, bot membership and "why didn't my bot get this update?" (docs/simulator.md).

-- BotFather's /setinlinefeedback: chosen_inline_result updates only when on (Telegram's default is off).
ALTER TABLE sim_bots ADD COLUMN inline_feedback INTEGER NOT NULL DEFAULT 0;

-- The bot's own membership of a group: member | left (removed from a basic group) | kicked (removed from a
-- supergroup). Private chats use `blocked` instead.
ALTER TABLE sim_chats ADD COLUMN bot_status TEXT NOT NULL DEFAULT 'member';

-- A user message sent "via @bot" (a chosen inline result): Message.via_bot.
ALTER TABLE sim_messages ADD COLUMN via_bot INTEGER NOT NULL DEFAULT 0;

-- Inline queries a fake user typed (`@bot query`) and the bot's answerInlineQuery results.
CREATE TABLE sim_inline_queries (
  id TEXT PRIMARY KEY,                    -- InlineQuery.id
  bot_id INTEGER NOT NULL REFERENCES sim_bots(id) ON DELETE CASCADE,
  chat_id INTEGER NOT NULL,               -- the chat whose composer typed it
  user_id INTEGER NOT NULL,
  from_user TEXT NOT NULL,                -- JSON User
  query TEXT NOT NULL,
  offset TEXT NOT NULL,
  chat_type TEXT NOT NULL,                -- sender | private | group | supergroup | channel
  update_id INTEGER,                      -- NULL when allowed_updates left it out
  created_at INTEGER NOT NULL,            -- Unix ms
  answered_at INTEGER,
  results TEXT,                           -- JSON InlineQueryResult[] as answered
  next_offset TEXT,
  cache_time INTEGER,
  is_personal INTEGER,
  chosen_result_id TEXT
);
CREATE INDEX sim_inline_queries_chat ON sim_inline_queries(chat_id, created_at);

-- Every update the simulator made for a bot, or decided not to make, and what became of it.
CREATE TABLE sim_update_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  bot_id INTEGER NOT NULL,
  update_id INTEGER,                      -- NULL when it was never made (privacy mode, allowed_updates, …)
  type TEXT NOT NULL,
  chat_id INTEGER NOT NULL,
  message_id INTEGER,                     -- the transcript message it belongs to, if any
  created_at INTEGER NOT NULL,            -- Unix ms
  status TEXT NOT NULL,                   -- pending | delivered | late | not_sent
  reason TEXT,                            -- privacy | allowed_updates | blocked | not_member | webhook_failing |
                                          -- not_polling | conflict | flood_wait
  detail TEXT,                            -- the reason's particulars (last webhook error, seconds waited, …)
  delivered_at INTEGER,
  failures INTEGER NOT NULL DEFAULT 0     -- failed webhook attempts
);
CREATE INDEX sim_update_log_update ON sim_update_log(bot_id, update_id);
CREATE INDEX sim_update_log_chat ON sim_update_log(chat_id, id);
