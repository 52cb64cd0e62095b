/**
 * REST plumbing both roles share, so that every answer looks like GitHub's: the JSON error body
 * {@code {"message", "documentation_url"}} and the mappers that produce it, JSON naming, the GitHub
 * media types, strict parsing of request bodies, and {@code Link} headers for paging.
 */
package io.licensesync.rest;
