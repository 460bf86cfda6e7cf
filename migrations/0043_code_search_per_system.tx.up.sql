-- A word search within one code set ("knee" among CPT codes) read the whole
-- full-text index and then ANDed in every code of the set, or threw away
-- the other sets' matches row by row (12 ms at 172,000 codes). Each code set
-- gets its own full-text index, which the search names by writing the set
-- into its statement (models.codesByWords): the same search reads only that
-- set's matches (1 ms). Together they are as large as codes_search_idx.
CREATE INDEX codes_search_cpt_idx ON codes USING gin (search) WHERE system = 'cpt';
CREATE INDEX codes_search_hcpcs_idx ON codes USING gin (search) WHERE system = 'hcpcs';
CREATE INDEX codes_search_icd10cm_idx ON codes USING gin (search) WHERE system = 'icd-10-cm';
CREATE INDEX codes_search_icd10pcs_idx ON codes USING gin (search) WHERE system = 'icd-10-pcs';
