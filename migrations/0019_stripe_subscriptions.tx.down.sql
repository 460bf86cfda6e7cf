DROP TABLE stripe_subscriptions;
