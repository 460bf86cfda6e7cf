ALTER INDEX jobs_filters_idx RESET (fastupdate);
ALTER INDEX jobs_search_idx RESET (fastupdate);
DROP INDEX IF EXISTS jobs_city_idx;
DROP INDEX IF EXISTS jobs_featured_idx;
DROP INDEX IF EXISTS jobs_live_cover_idx;
