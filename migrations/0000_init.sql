CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
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
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_uid_unique` ON `notifications` (`uid`);--> statement-breakpoint
CREATE INDEX `notifications_feed_idx` ON `notifications` (`user_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_feed_read_idx` ON `notifications` (`user_id`,`status`,`is_read`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_model_idx` ON `notifications` (`model`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_created_by_idx` ON `notifications` (`created_by`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`first_name` text DEFAULT '' NOT NULL,
	`last_name` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`notifications_enabled` integer DEFAULT true NOT NULL,
	`total_notifications` integer DEFAULT 0 NOT NULL,
	`read_notifications` integer DEFAULT 0 NOT NULL,
	`counts_version` integer DEFAULT 0 NOT NULL,
	`has_sockets` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
