ALTER TABLE jobs DROP COLUMN IF EXISTS description_html;
