package io.licensesync.server.access.boundary;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a Server page action (a method a form post runs): it runs only for a signed-in site admin,
 * checked again inside the action whatever the pages gate did; anyone else gets 403 and nothing
 * runs ({@link AdminPageActionCheck}).
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface AdminPageAction {}
