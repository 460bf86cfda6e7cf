DROP TABLE candidate_invites;
ALTER TABLE profiles DROP COLUMN invites_allowed;
