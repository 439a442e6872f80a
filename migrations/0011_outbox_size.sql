-- The resume's byte bound (RESUME_MAX_BYTES): the size of each outbox row's `data`, and an index
-- holding it beside (user_id, version) so the bound is checked without reading the rows.
-- drizzle-kit generated the ALTER and the index; the backfill of rows written before was added by
-- hand (bytes, not characters: what the socket carries), before the index so it is built once.
ALTER TABLE `inbox_events` ADD `size` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `inbox_events` SET `size` = length(CAST(`data` AS BLOB));--> statement-breakpoint
CREATE INDEX `inbox_events_size_idx` ON `inbox_events` (`user_id`,`version`,`size`);
