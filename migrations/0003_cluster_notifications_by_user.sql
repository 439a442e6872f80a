-- Cluster notifications by user: WITHOUT ROWID keyed (user_id, id), so one user's rows share pages
-- (mark-all-read and feed pages touch a few pages, not one per row). drizzle-kit generated this
-- table rebuild from src/db/schema.ts; WITHOUT ROWID (which drizzle cannot declare), the copy in key
-- order and D1's defer_foreign_keys (D1 ignores foreign_keys=OFF inside its transaction) were added
-- by hand before the migration was first applied.
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer NOT NULL,
	`uid` text NOT NULL,
	`user_id` text NOT NULL,
	`notification` text NOT NULL,
	`model` text NOT NULL,
	`is_read` integer DEFAULT false NOT NULL,
	`custom_info` text,
	`created_by` text,
	`status` text DEFAULT 'ACTIVE' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "uid", "user_id", "notification", "model", "is_read", "custom_info", "created_by", "status", "created_at", "updated_at") SELECT "id", "uid", "user_id", "notification", "model", "is_read", "custom_info", "created_by", "status", "created_at", "updated_at" FROM `notifications` ORDER BY "user_id", "id";--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
PRAGMA defer_foreign_keys = off;--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_uid_unique` ON `notifications` (`uid`);--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_id_unique` ON `notifications` (`id`);--> statement-breakpoint
CREATE INDEX `notifications_feed_idx` ON `notifications` (`user_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_feed_read_idx` ON `notifications` (`user_id`,`status`,`is_read`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_model_idx` ON `notifications` (`model`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_created_by_idx` ON `notifications` (`created_by`);--> statement-breakpoint
CREATE INDEX `notifications_retention_idx` ON `notifications` (`status`,`updated_at`) WHERE status = 'REMOVED';