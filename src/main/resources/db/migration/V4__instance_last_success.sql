-- When an instance's usage last arrived successfully and how, kept apart from the last attempt so a
-- failed sync does not hide which usage still counts.
ALTER TABLE connected_instance ADD COLUMN last_success_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE connected_instance ADD COLUMN last_success_via VARCHAR(16);
