DROP TABLE IF EXISTS stripe_events;
DROP TABLE IF EXISTS orders;
ALTER TABLE users DROP COLUMN IF EXISTS pro_subscription_id, DROP COLUMN IF EXISTS stripe_customer_id;
