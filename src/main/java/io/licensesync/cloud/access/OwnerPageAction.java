package io.licensesync.cloud.access;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks a Cloud page action: it runs only for a signed-in owner of the session's enterprise,
 * checked again inside the action; anyone else gets 403 and nothing runs ({@link
 * OwnerPageActionCheck}).
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({METHOD, TYPE})
public @interface OwnerPageAction {}
