DROP TABLE IF EXISTS skill_check_answers;
DROP TABLE IF EXISTS skill_check_attempts;
DROP TABLE IF EXISTS skill_check_scenarios;
DROP TABLE IF EXISTS skill_checks;
