-- Scenario tests (docs/scenarios.md) and what they need of the simulator: groups with several users, join and
-- leave service messages, fault injection, and the history of scenario runs.

-- Group members besides the chat's first user (sim_chats.user_*); `left` once they leave.
CREATE TABLE sim_members (
  chat_id INTEGER NOT NULL REFERENCES sim_chats(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT,
  username TEXT,
  status TEXT NOT NULL,                   -- member | left
  PRIMARY KEY (chat_id, user_id)
);

-- Who wrote a user message (a Telegram User JSON) when it is not the chat's first user; a service message's
-- fields (new_chat_members, left_chat_member) as JSON.
ALTER TABLE sim_messages ADD COLUMN from_user TEXT;
ALTER TABLE sim_messages ADD COLUMN service TEXT;

-- Injected faults: the next `remaining` calls of `method` (or every call until `expires_at`) fail this way.
CREATE TABLE sim_faults (
  id INTEGER PRIMARY KEY,
  bot_id INTEGER,                         -- NULL: any bot
  method TEXT NOT NULL,                   -- lower-cased Bot API method name, or '*'
  kind TEXT NOT NULL,                     -- error | drop | delay
  error_code INTEGER,
  description TEXT,
  retry_after INTEGER,
  delay_ms INTEGER,
  remaining INTEGER,                      -- NULL: until expires_at
  expires_at INTEGER,                     -- Unix ms; NULL: until used up
  hits INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

-- Scenario runs: one row per run (CLI against a running Hookbench, or the Scenarios page), results as JSON.
CREATE TABLE scenario_runs (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  passed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  results TEXT NOT NULL                   -- JSON ScenarioResult[]
);
