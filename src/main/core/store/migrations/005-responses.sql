-- The other half of each exchange (issue 15 item 5): what Hookbench answered, written after the answer has
-- gone out (receiver-plugin.ts onResponse, a 'background' write), so NULL until then and for older rows.
ALTER TABLE requests ADD COLUMN response_status INTEGER;
ALTER TABLE requests ADD COLUMN response_headers TEXT;        -- JSON object, names lower-cased
ALTER TABLE requests ADD COLUMN response_body BLOB;           -- at most RESPONSE_BODY_CAP bytes
ALTER TABLE requests ADD COLUMN response_body_size INTEGER;   -- bytes sent (may exceed what is kept)
ALTER TABLE requests ADD COLUMN response_ms REAL;             -- from receipt to the answer sent
-- The stored request this one replays (issue 15 item 4): metadata, no longer an X-Hookbench-Replay-Of header.
ALTER TABLE requests ADD COLUMN replay_of INTEGER;
