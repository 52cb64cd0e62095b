/**
 * Consumed licenses of an enterprise, one per person: matching Server accounts to Cloud members by
 * email (SAML NameID first, then verified emails) and to each other, kept up to date when members
 * or usage change, and served as the real consumed-licenses API and as a CSV report.
 */
package io.licensesync.cloud.licensing;
