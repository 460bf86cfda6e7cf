DROP INDEX IF EXISTS codes_search_cpt_idx;
DROP INDEX IF EXISTS codes_search_hcpcs_idx;
DROP INDEX IF EXISTS codes_search_icd10cm_idx;
DROP INDEX IF EXISTS codes_search_icd10pcs_idx;
