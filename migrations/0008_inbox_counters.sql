-- The inbox model's counters, kept by triggers: every statement that inserts, changes or deletes a
-- notification changes the user's counters (users) and per-category counts (user_category_counts)
-- in the same statement, so they can never drift from the rows, and a row costs O(1) whatever the
-- inbox size. `inbox` (generated): 0 live (counted), 1 archived, 2 nowhere.

-- Existing rows: the category defaults to the model; a read row counts as seen (and read then).
UPDATE `notifications` SET `category` = `model` WHERE `category` = '';--> statement-breakpoint
UPDATE `notifications` SET `seen_at` = `updated_at`, `read_at` = `updated_at` WHERE `is_read` = 1;--> statement-breakpoint
UPDATE `users` SET
  `total_notifications` = (SELECT count(*) FROM `notifications` n WHERE n.user_id = users.id AND n.inbox = 0),
  `read_notifications` = (SELECT count(*) FROM `notifications` n WHERE n.user_id = users.id AND n.inbox = 0 AND n.is_read = 1),
  `unseen_notifications` = (SELECT count(*) FROM `notifications` n WHERE n.user_id = users.id AND n.inbox = 0 AND n.seen_at IS NULL),
  `archived_notifications` = 0;--> statement-breakpoint
INSERT INTO `user_category_counts` (`user_id`, `category`, `total`, `unread`, `unseen`)
  SELECT `user_id`, `category`, count(*), sum(`is_read` = 0), sum(`seen_at` IS NULL)
  FROM `notifications` WHERE `inbox` = 0 GROUP BY `user_id`, `category`;--> statement-breakpoint

CREATE TRIGGER `notifications_counts_insert` AFTER INSERT ON `notifications` WHEN NEW.inbox < 2
BEGIN
  UPDATE `users` SET
    `total_notifications` = `total_notifications` + (NEW.inbox = 0),
    `read_notifications` = `read_notifications` + (NEW.inbox = 0 AND NEW.is_read),
    `unseen_notifications` = `unseen_notifications` + (NEW.inbox = 0 AND NEW.seen_at IS NULL),
    `archived_notifications` = `archived_notifications` + (NEW.inbox = 1),
    `next_expiry_at` = CASE WHEN NEW.expires_at IS NOT NULL AND (`next_expiry_at` IS NULL OR NEW.expires_at < `next_expiry_at`)
      THEN NEW.expires_at ELSE `next_expiry_at` END
  WHERE `id` = NEW.user_id;
  INSERT INTO `user_category_counts` (`user_id`, `category`, `total`, `unread`, `unseen`)
    SELECT NEW.user_id, NEW.category, 1, NOT NEW.is_read, NEW.seen_at IS NULL WHERE NEW.inbox = 0
    ON CONFLICT (`user_id`, `category`) DO UPDATE SET
      `total` = `total` + 1, `unread` = `unread` + excluded.unread, `unseen` = `unseen` + excluded.unseen;
END;--> statement-breakpoint

CREATE TRIGGER `notifications_counts_delete` AFTER DELETE ON `notifications` WHEN OLD.inbox < 2
BEGIN
  UPDATE `users` SET
    `total_notifications` = `total_notifications` - (OLD.inbox = 0),
    `read_notifications` = `read_notifications` - (OLD.inbox = 0 AND OLD.is_read),
    `unseen_notifications` = `unseen_notifications` - (OLD.inbox = 0 AND OLD.seen_at IS NULL),
    `archived_notifications` = `archived_notifications` - (OLD.inbox = 1)
  WHERE `id` = OLD.user_id;
  UPDATE `user_category_counts` SET
    `total` = `total` - 1, `unread` = `unread` - (NOT OLD.is_read), `unseen` = `unseen` - (OLD.seen_at IS NULL)
  WHERE OLD.inbox = 0 AND `user_id` = OLD.user_id AND `category` = OLD.category;
END;--> statement-breakpoint

CREATE TRIGGER `notifications_tags_delete` AFTER DELETE ON `notifications` WHEN OLD.tags IS NOT NULL
BEGIN
  DELETE FROM `notification_tags` WHERE `user_id` = OLD.user_id AND `notification_id` = OLD.id;
END;--> statement-breakpoint

-- The common change (read, unread, seen) keeps the row where it is: one delta per table.
CREATE TRIGGER `notifications_counts_flags` AFTER UPDATE OF `is_read`, `seen_at` ON `notifications`
WHEN NEW.inbox = 0 AND OLD.inbox = 0 AND OLD.category = NEW.category
  AND (OLD.is_read <> NEW.is_read OR (OLD.seen_at IS NULL) <> (NEW.seen_at IS NULL))
BEGIN
  UPDATE `users` SET
    `read_notifications` = `read_notifications` + NEW.is_read - OLD.is_read,
    `unseen_notifications` = `unseen_notifications` + (NEW.seen_at IS NULL) - (OLD.seen_at IS NULL)
  WHERE `id` = NEW.user_id;
  UPDATE `user_category_counts` SET
    `unread` = `unread` + OLD.is_read - NEW.is_read,
    `unseen` = `unseen` + (NEW.seen_at IS NULL) - (OLD.seen_at IS NULL)
  WHERE `user_id` = NEW.user_id AND `category` = NEW.category;
END;--> statement-breakpoint

-- Anything that moves the row between live, archived and gone (or to another category).
CREATE TRIGGER `notifications_counts_move` AFTER UPDATE OF `status`, `archived_at`, `expired_at`, `category`, `is_read`, `seen_at` ON `notifications`
WHEN (OLD.inbox < 2 OR NEW.inbox < 2) AND (OLD.inbox <> NEW.inbox OR OLD.category <> NEW.category)
BEGIN
  UPDATE `users` SET
    `total_notifications` = `total_notifications` + (NEW.inbox = 0) - (OLD.inbox = 0),
    `read_notifications` = `read_notifications` + (NEW.inbox = 0 AND NEW.is_read) - (OLD.inbox = 0 AND OLD.is_read),
    `unseen_notifications` = `unseen_notifications` + (NEW.inbox = 0 AND NEW.seen_at IS NULL) - (OLD.inbox = 0 AND OLD.seen_at IS NULL),
    `archived_notifications` = `archived_notifications` + (NEW.inbox = 1) - (OLD.inbox = 1)
  WHERE `id` = NEW.user_id;
  UPDATE `user_category_counts` SET
    `total` = `total` - 1, `unread` = `unread` - (NOT OLD.is_read), `unseen` = `unseen` - (OLD.seen_at IS NULL)
  WHERE OLD.inbox = 0 AND `user_id` = OLD.user_id AND `category` = OLD.category;
  INSERT INTO `user_category_counts` (`user_id`, `category`, `total`, `unread`, `unseen`)
    SELECT NEW.user_id, NEW.category, 1, NOT NEW.is_read, NEW.seen_at IS NULL WHERE NEW.inbox = 0
    ON CONFLICT (`user_id`, `category`) DO UPDATE SET
      `total` = `total` + 1, `unread` = `unread` + excluded.unread, `unseen` = `unseen` + excluded.unseen;
END;
