-- The meter asks "has this viewer already seen this page?" once per form of
-- the viewer. The cookie or account form is a lookup in the UNIQUE (period,
-- viewer, kind, item) index; this index makes the address form one lookup
-- too, starting with the page, so the check costs the same whether a page
-- has ten views this month or a million.
CREATE INDEX meter_views_item_ip_idx ON meter_views (period, kind, item, ip_hash) WHERE ip_hash IS NOT NULL;
