-- The events.v1 outbox (src/db/schema.ts inboxEvents). drizzle-kit generated this; WITHOUT ROWID
-- (which drizzle cannot declare) was added by hand, so one user's versions sit together on disk.
CREATE TABLE `inbox_events` (
	`user_id` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`counts` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `version`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `inbox_events_created_idx` ON `inbox_events` (`created_at`);