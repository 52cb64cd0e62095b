/**
 * The documentation, served by the application: {@code /docs/} renders the repository's README and
 * {@code docs/*.md} (the very files in the source tree, so the two never differ) and {@code
 * /docs/api} is the interactive page over {@code /openapi}. Public, as GitHub's documentation is:
 * it holds no data, and errors' {@code documentation_url} points here.
 */
package io.licensesync.docs;
