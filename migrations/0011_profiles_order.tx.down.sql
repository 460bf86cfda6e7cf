DROP INDEX IF EXISTS profiles_updated_idx;
