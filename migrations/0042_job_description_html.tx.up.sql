-- A job's description as sanitized HTML, rendered from its Markdown when the
-- job is saved, so a page view does not render Markdown. NULL: not rendered
-- yet (jobs saved before this column, rows written by SQL); the page then
-- renders the Markdown itself.
ALTER TABLE jobs ADD COLUMN description_html text;
