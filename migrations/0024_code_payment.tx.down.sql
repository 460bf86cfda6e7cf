DROP TABLE IF EXISTS medicare_payments;
