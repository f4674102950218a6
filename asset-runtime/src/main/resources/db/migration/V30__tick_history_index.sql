-- Tick history of one schedule or sensor, newest first, keyset-paged by id (AutomationService.ticks).
CREATE INDEX ticks_history_idx ON ticks (kind, name, id DESC);
