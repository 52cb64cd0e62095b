package io.licensesync.cloud.access;

import io.licensesync.web.PageActions;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;

/** Runs an {@link OwnerPageAction} only for a signed-in owner; otherwise answers 403. */
@OwnerPageAction
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class OwnerPageActionCheck implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject SignedInOwner signedIn;

  @AroundInvoke
  Object check(InvocationContext call) throws Exception {
    if (!signedIn.isAllowed()) {
      return PageActions.refuse(call);
    }
    return call.proceed();
  }
}
