/**
 * The enterprises and members APIs, the Members page, and {@code Enterprises}, the use cases behind
 * them: the operator creates enterprises, owners provision members and issue owner tokens, each in
 * one transaction.
 */
package io.licensesync.cloud.enterprises.boundary;
