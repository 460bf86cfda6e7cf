DROP TABLE IF EXISTS application_status_undos;
