/**
 * GitHub's naming rules both roles apply the same way: which logins are valid, when text is an
 * email address, and the key under which logins and emails are compared (trimmed,
 * case-insensitive).
 */
package io.licensesync.identity;
