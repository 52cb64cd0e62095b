/**
 * The users, admin users and user stats APIs, the People page, and {@code Accounts}, the use cases
 * on accounts, each in one transaction.
 */
package io.licensesync.server.accounts.boundary;
