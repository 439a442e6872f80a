CREATE TABLE `notification_job_pending` (
	`job_id` text NOT NULL,
	`chunk` integer NOT NULL,
	`user_ids` text NOT NULL,
	PRIMARY KEY(`job_id`, `chunk`),
	FOREIGN KEY (`job_id`) REFERENCES `notification_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `notification_jobs` ADD `next_chunk` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `notification_jobs` ADD `cursor` text;--> statement-breakpoint
CREATE INDEX `notification_jobs_open_idx` ON `notification_jobs` (`status`,`updated_at`);