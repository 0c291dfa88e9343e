-- The office's time zone (IANA name): appointment times are typed and shown on its wall clock.
ALTER TABLE offices ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
