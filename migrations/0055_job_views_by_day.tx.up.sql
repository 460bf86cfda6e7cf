-- job_views holds one row per job, visitor and UTC day, and a view is only
-- ever compared with the rows of its own day, so the clean-up deletes the
-- days before yesterday (models.DeleteOldJobViews). Rows are appended in
-- day order, so a BRIN index finds the old days for a few pages of index
-- and costs a view's insert next to nothing, where a btree on day would
-- add a second index write to every counted view. autosummarize has each
-- filled range summarized as it fills, not at the next VACUUM only.
CREATE INDEX job_views_day_brin ON job_views USING brin (day) WITH (autosummarize = on);
