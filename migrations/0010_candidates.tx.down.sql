ALTER TABLE jobs DROP COLUMN IF EXISTS notify_rejections;
DROP TABLE IF EXISTS application_notes;
DROP TABLE IF EXISTS applications;
DROP TABLE IF EXISTS resumes;
DROP TABLE IF EXISTS stored_files;
DROP TABLE IF EXISTS profile_credentials;
DROP TABLE IF EXISTS profiles;
