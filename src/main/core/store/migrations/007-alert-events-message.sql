-- A request's Rules tab shows what the rules did when its message arrived (issue 15 item 9): the alert events
-- that message caused, looked up by message id.
CREATE INDEX alert_events_message ON alert_events(message_id) WHERE message_id IS NOT NULL;
