DROP INDEX `notifications_retention_idx`;--> statement-breakpoint
CREATE INDEX `notifications_retention_idx` ON `notifications` (`updated_at`) WHERE status IN ('REMOVED', 'DELETED');