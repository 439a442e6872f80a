CREATE TABLE `category_settings` (
	`category` text PRIMARY KEY NOT NULL,
	`enabled_by_default` integer DEFAULT true NOT NULL,
	`critical` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification_tags` (
	`user_id` text NOT NULL,
	`tag` text NOT NULL,
	`notification_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `tag`, `notification_id`)
);
--> statement-breakpoint
CREATE TABLE `user_category_counts` (
	`user_id` text NOT NULL,
	`category` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`unread` integer DEFAULT 0 NOT NULL,
	`unseen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`user_id`, `category`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `user_preferences` (
	`user_id` text NOT NULL,
	`category` text NOT NULL,
	`enabled` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `category`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `notification_jobs` ADD `extras` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `seen_at` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `read_at` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `interacted_at` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `interacted_action` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `category` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `tags` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `action_url` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `actions` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `expired_at` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `group_key` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `inbox` integer GENERATED ALWAYS AS (CASE WHEN status <> 'ACTIVE' OR expired_at IS NOT NULL THEN 2 WHEN archived_at IS NOT NULL THEN 1 ELSE 0 END) VIRTUAL;--> statement-breakpoint
CREATE INDEX `notifications_inbox_idx` ON `notifications` (`user_id`,`inbox`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_inbox_read_idx` ON `notifications` (`user_id`,`inbox`,`is_read`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_inbox_category_idx` ON `notifications` (`user_id`,`inbox`,`category`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_inbox_group_idx` ON `notifications` (`user_id`,`group_key`,`inbox`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_expiry_idx` ON `notifications` (`user_id`,`expires_at`) WHERE expires_at IS NOT NULL AND expired_at IS NULL;--> statement-breakpoint
CREATE INDEX `notifications_expiry_all_idx` ON `notifications` (`expires_at`) WHERE expires_at IS NOT NULL AND expired_at IS NULL;--> statement-breakpoint
CREATE INDEX `notifications_expired_idx` ON `notifications` (`expired_at`) WHERE expired_at IS NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `unseen_notifications` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `archived_notifications` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `next_expiry_at` text;