/**
 * What every sign-in of both roles shares: the throttle on repeated failed attempts (REST
 * credentials and both sign-in pages, kept in memory per node), the idle timeout of a role's page
 * session, and the return path honoured after signing in.
 */
package io.licensesync.signin;
