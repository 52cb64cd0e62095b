/**
 * The bounds every piece of outside text and every number must keep before the application uses it:
 * lengths that fit their database columns, no control characters, numbers in range. REST resources,
 * pages, CSV imports and the license usage reader all check through it, so a hostile value is
 * refused with the field named instead of reaching the database.
 */
package io.licensesync.input;
