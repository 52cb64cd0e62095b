package io.licensesync.server;

import io.licensesync.rest.ApiExceptionMapper;
import io.licensesync.rest.ApiProperties;
import io.licensesync.rest.GitHubMediaTypes;
import io.licensesync.rest.JsonConfiguration;
import io.licensesync.rest.JsonWhenNoContentType;
import io.licensesync.rest.PublicBaseUri;
import io.licensesync.server.access.boundary.Authentication;
import io.licensesync.server.access.boundary.ImpersonationResource;
import io.licensesync.server.access.boundary.SiteAdminCheck;
import io.licensesync.server.access.boundary.SiteAdminPaths;
import io.licensesync.server.access.boundary.TokensResource;
import io.licensesync.server.accounts.boundary.AdminUsersResource;
import io.licensesync.server.accounts.boundary.CurrentUserResource;
import io.licensesync.server.accounts.boundary.DormantSeatsResource;
import io.licensesync.server.accounts.boundary.EnterpriseStatsResource;
import io.licensesync.server.accounts.boundary.UsersResource;
import io.licensesync.server.audit.boundary.AuditResource;
import io.licensesync.server.connect.boundary.ConnectionResource;
import io.licensesync.server.instance.boundary.LicenseResource;
import io.licensesync.server.licensesync.boundary.AlertsResource;
import io.licensesync.server.licensesync.boundary.LicenseSyncResource;
import io.licensesync.server.licensesync.boundary.LicenseUsageExportResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The Server role's REST API at {@code /api/v3}, the root a real Server uses. The classes are
 * listed so the Cloud role's resources and filters never leak into this API, nor these into the
 * Cloud's.
 */
@ApplicationPath("api/v3")
public class ServerApi extends Application {

  @Override
  public Map<String, Object> getProperties() {
    return ApiProperties.of();
  }

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        JsonConfiguration.class,
        JsonWhenNoContentType.class,
        ApiExceptionMapper.class,
        PublicBaseUri.class,
        GitHubMediaTypes.class,
        Authentication.class,
        SiteAdminCheck.class,
        TokensResource.class,
        ImpersonationResource.class,
        CurrentUserResource.class,
        UsersResource.class,
        AdminUsersResource.class,
        EnterpriseStatsResource.class,
        LicenseResource.class,
        ConnectionResource.class,
        LicenseSyncResource.class,
        LicenseUsageExportResource.class,
        AuditResource.class,
        DormantSeatsResource.class,
        AlertsResource.class,
        SiteAdminPaths.class);
  }
}
