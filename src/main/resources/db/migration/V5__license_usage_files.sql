-- Export license usage (Server) and Add server usage (Cloud): signed, optionally encrypted files.

-- Server: the instance's signing key pair (a JWK, encrypted with the secret key like the Cloud
-- credential, never in clear), and the enterprise public key an admin pasted for encrypting files
-- when this Server is not connected.
ALTER TABLE server_instance ADD COLUMN signing_key VARCHAR(4000);
ALTER TABLE server_instance ADD COLUMN cloud_usage_key VARCHAR(2000);
ALTER TABLE server_instance ADD COLUMN cloud_usage_key_enterprise VARCHAR(100);
ALTER TABLE server_instance ADD COLUMN cloud_usage_key_at TIMESTAMP(6) WITH TIME ZONE;

-- Cloud: each enterprise's key pair for receiving encrypted files (private part encrypted with the
-- secret key), and the public key each instance signs its files with (registered by its first file).
ALTER TABLE enterprise ADD COLUMN usage_key VARCHAR(4000);
ALTER TABLE connected_instance ADD COLUMN signing_key VARCHAR(2000);
