DROP TABLE recent_codes;
