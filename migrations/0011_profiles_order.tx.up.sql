-- Candidate search lists visible profiles newest-updated first.
CREATE INDEX profiles_updated_idx ON profiles (updated_at DESC, user_id DESC) WHERE visible;
