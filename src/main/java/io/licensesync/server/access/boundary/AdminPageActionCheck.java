package io.licensesync.server.access.boundary;

import io.licensesync.web.PageActions;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/** Runs a {@link AdminPageAction} only for a signed-in site admin; otherwise answers 403. */
@AdminPageAction
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AdminPageActionCheck implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SignedInAdmin signedIn;

  @AroundInvoke
  Object check(InvocationContext call) throws Exception {
    if (!signedIn.isAllowed()) {
      return PageActions.refuse(call);
    }
    return call.proceed();
  }
}
