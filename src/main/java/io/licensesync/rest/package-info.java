/**
 * REST plumbing both roles share, so that every answer looks like GitHub's: the JSON error body
 * {@code {"message", "documentation_url"}} and the mappers that produce it, JSON naming, the GitHub
 * media types, strict parsing of request bodies, the one parser of paging parameters and ids, the
 * check of text fields against their columns, and {@code Link} headers for paging.
 */
package io.licensesync.rest;
