DROP TABLE pay_groups;
DROP TABLE company_responsiveness;
DROP INDEX applications_waiting_idx;
ALTER TABLE applications DROP COLUMN first_acted_at;
