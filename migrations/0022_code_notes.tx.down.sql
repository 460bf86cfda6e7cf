DROP TABLE IF EXISTS code_crosswalk;
DROP TABLE IF EXISTS code_modifiers;
DROP TABLE IF EXISTS code_guidelines;
