-- The latest seat change of an enterprise is the version of its consumed licenses (every rematch
-- records one): found from the index's last entry on each read.
CREATE INDEX seat_change_latest ON seat_change (enterprise_id, id);
