DROP INDEX `notifications_feed_idx`;--> statement-breakpoint
DROP INDEX `notifications_feed_read_idx`;