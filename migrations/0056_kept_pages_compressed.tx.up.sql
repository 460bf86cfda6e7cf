-- A kept job page's head and body are stored compressed by the web process
-- (s2 against a dictionary of pages its build draws; see handlers'
-- keptcodec.go): about 1 KB where PostgreSQL's lz4 left 3 to 4 KB in two
-- TOAST chunks of a 350 MB table. The row now stays in the table's own
-- page, so a guest's read is one heap page with no TOAST index or chunks
-- and sends 1 KB rather than 8. Measured with pgbench, the read alone:
-- about 60 % more reads a second. STORAGE MAIN keeps a long page inline
-- too. The kept pages are dropped: the web processes draw them again.
DELETE FROM job_pages;
ALTER TABLE job_pages
    ALTER COLUMN head TYPE bytea USING convert_to(head, 'UTF8'),
    ALTER COLUMN body TYPE bytea USING convert_to(body, 'UTF8');
ALTER TABLE job_pages ALTER COLUMN head SET STORAGE MAIN, ALTER COLUMN body SET STORAGE MAIN;
