DROP INDEX IF EXISTS meter_views_item_ip_idx;
