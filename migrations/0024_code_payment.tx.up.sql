-- Medicare physician fee schedule relative value units, one row per code
-- and modifier ('' for the global service, 26 and TC for the split parts),
-- as the PFS relative value file lists them. The national payment amounts
-- are computed from these when shown: (work + PE + MP) × conversion factor.
CREATE TABLE medicare_payments (
    code              text NOT NULL,
    modifier          text NOT NULL DEFAULT '' CHECK (modifier ~ '^([A-Z0-9]{2})?$'),
    year              smallint NOT NULL CHECK (year BETWEEN 1992 AND 2200),
    status_code       text NOT NULL DEFAULT '',
    work_rvu          numeric(8, 2) NOT NULL CHECK (work_rvu >= 0),
    pe_rvu_nonfacility numeric(8, 2) NOT NULL CHECK (pe_rvu_nonfacility >= 0),
    pe_rvu_facility   numeric(8, 2) NOT NULL CHECK (pe_rvu_facility >= 0),
    mp_rvu            numeric(8, 2) NOT NULL CHECK (mp_rvu >= 0),
    conversion_factor numeric(9, 4) NOT NULL CHECK (conversion_factor > 0),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (code, modifier)
);
