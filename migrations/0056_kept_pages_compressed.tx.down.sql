DELETE FROM job_pages;
ALTER TABLE job_pages
    ALTER COLUMN head TYPE text USING convert_from(head, 'UTF8'),
    ALTER COLUMN body TYPE text USING convert_from(body, 'UTF8');
ALTER TABLE job_pages ALTER COLUMN head SET STORAGE EXTENDED, ALTER COLUMN body SET STORAGE EXTENDED;
