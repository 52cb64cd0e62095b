/**
 * Credentials as both roles keep them: passwords hashed with PBKDF2 (salted, iterated), access
 * tokens random and stored only as their SHA-256 digest, so a copy of the database reveals no
 * usable secret.
 */
package io.licensesync.security;
