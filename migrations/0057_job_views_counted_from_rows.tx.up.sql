-- A job's views are now its counter (job_view_counts) plus its rows in
-- job_views, which hold today's and yesterday's views: a batch of views is
-- only inserted, and the clean-up moves the rows of older days into the
-- counters (models.FoldOldJobViews). Writing each batch's counters (a row
-- updated per job seen in the batch, and a look at each job's row) was
-- two thirds of the batch's cost. The rows kept now are already in the
-- counters, so they are taken out of them once here.
UPDATE job_view_counts c SET n = c.n - v.n
FROM (SELECT job_id, count(*) AS n FROM job_views GROUP BY job_id) v
WHERE v.job_id = c.job_id;
