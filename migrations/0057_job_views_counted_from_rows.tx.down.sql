INSERT INTO job_view_counts AS c (job_id, n)
SELECT job_id, count(*) FROM job_views GROUP BY job_id
ON CONFLICT (job_id) DO UPDATE SET n = c.n + EXCLUDED.n;
