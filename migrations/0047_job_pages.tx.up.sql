-- A job page as every guest sees it, drawn once and kept for every process
-- (job_pages), so a guest's read of a job page is one statement. A kept page
-- is used only while nothing it shows has changed since it was drawn: the
-- job, its company (and logo), its similar jobs and their ranking. Each of
-- these rows carries page_changed_at, moved by a trigger on any write that
-- is not a counter's, so no statement that changes a job or a company can
-- forget it. The read compares them with the page's drawn_at.
ALTER TABLE jobs ADD COLUMN page_changed_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE companies ADD COLUMN page_changed_at timestamptz NOT NULL DEFAULT now();

CREATE FUNCTION page_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.page_changed_at := now();
    RETURN NEW;
END $$;

-- Counting views and applications changes nothing a page shows.
CREATE TRIGGER jobs_page_changed BEFORE UPDATE ON jobs FOR EACH ROW
    WHEN (OLD.view_count IS NOT DISTINCT FROM NEW.view_count AND OLD.apply_count IS NOT DISTINCT FROM NEW.apply_count)
    EXECUTE FUNCTION page_changed();
CREATE TRIGGER companies_page_changed BEFORE UPDATE ON companies FOR EACH ROW
    EXECUTE FUNCTION page_changed();

-- A new or removed logo changes its company's pages.
CREATE FUNCTION company_logo_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE companies SET page_changed_at = now()
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.company_id ELSE NEW.company_id END;
    RETURN NULL;
END $$;
CREATE TRIGGER company_logos_page_changed AFTER INSERT OR UPDATE OR DELETE ON company_logos
    FOR EACH ROW EXECUTE FUNCTION company_logo_changed();

-- drawn_for names the build that drew the page (its templates and code);
-- related_at is the ranking of similar jobs it showed (job_related.ranked_at,
-- NULL for none), related_ids every job of that ranking, shown or not;
-- valid_until is when something it shows changes by the clock alone (the
-- job or a similar job expires) or its figures are due again.
CREATE TABLE job_pages (
    job_id      bigint PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    drawn_for   text NOT NULL,
    drawn_at    timestamptz NOT NULL,
    valid_until timestamptz NOT NULL,
    related_at  timestamptz,
    related_ids bigint[] NOT NULL,
    head        text NOT NULL,
    body        text NOT NULL
);
-- Kept uncompressed: a read then copies the page rather than inflating it.
ALTER TABLE job_pages ALTER COLUMN head SET STORAGE EXTERNAL, ALTER COLUMN body SET STORAGE EXTERNAL;
