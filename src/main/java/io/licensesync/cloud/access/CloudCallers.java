package io.licensesync.cloud.access;

import io.licensesync.cloud.enterprises.boundary.Enterprises;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** Makes each Cloud API request's {@link CloudCaller}, empty until authentication sets it. */
@ApplicationScoped
public class CloudCallers {

  @Inject Enterprises enterprises;

  @Produces
  @RequestScoped
  CloudCaller caller() {
    return new CloudCaller(enterprises);
  }
}
