-- Rules (issue 4). The rule JSON is the contract shape (src/shared/rules.ts); secrets never stored here.
CREATE TABLE rules (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  enabled INTEGER NOT NULL,
  definition TEXT NOT NULL,               -- JSON RuleInput (validated)
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_fired_at INTEGER
);

-- Window state per rule and grouping key, flushed by the engine (see docs/decisions/003-windows.md).
CREATE TABLE rule_windows (
  rule_id TEXT NOT NULL REFERENCES rules(id) ON DELETE CASCADE,
  window_key TEXT NOT NULL,
  state TEXT NOT NULL,                    -- JSON WindowState
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (rule_id, window_key)
);

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  rule_id TEXT NOT NULL,
  rule_name TEXT NOT NULL,
  window_key TEXT NOT NULL,
  entity TEXT NOT NULL,
  tags TEXT NOT NULL,                     -- JSON: the grouping tags of the window
  severity TEXT NOT NULL,
  status TEXT NOT NULL,                   -- OPEN | REPEAT | CANCEL
  open INTEGER NOT NULL,                  -- 1 while the window is OPEN/REPEAT and not closed by hand
  opened_at INTEGER NOT NULL,
  last_repeat_at INTEGER,
  repeat_count INTEGER NOT NULL DEFAULT 0,
  last_message_id INTEGER,
  last_message TEXT,
  acknowledged_at INTEGER,
  closed_at INTEGER,
  closed_by TEXT                          -- cancel | manual | rule_changed
);
CREATE INDEX alerts_open ON alerts(open, rule_id);
CREATE INDEX alerts_window ON alerts(rule_id, window_key, open);

CREATE TABLE alert_events (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  time INTEGER NOT NULL,
  status TEXT NOT NULL,                   -- OPEN | REPEAT | CANCEL | ACKNOWLEDGED | CLOSED
  message_id INTEGER
);
CREATE INDEX alert_events_alert ON alert_events(alert_id);

-- Every outgoing call an action made, one row per attempt.
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER,
  alert_event_id INTEGER,
  rule_id TEXT,
  rule_name TEXT,
  action_index INTEGER NOT NULL,
  kind TEXT NOT NULL,                     -- telegram | http | desktop
  attempt INTEGER NOT NULL,
  outcome TEXT NOT NULL,                  -- ok | failed | retrying | dropped | recorded
  request TEXT NOT NULL,                  -- JSON {method, url, headers, body}, secrets masked
  response TEXT,                          -- JSON {status, headers, body}
  error TEXT,
  duration_ms INTEGER,
  empty_placeholders TEXT,                -- JSON string[]
  created_at INTEGER NOT NULL
);
CREATE INDEX deliveries_alert ON deliveries(alert_id);
CREATE INDEX deliveries_created ON deliveries(created_at);

-- Notification endpoints imported from ATSD (WebNotificationConfig); passwords live in the secret store.
CREATE TABLE endpoints (
  name TEXT PRIMARY KEY,
  definition TEXT NOT NULL
);
