package io.licensesync.cloud;

import io.licensesync.cloud.access.CloudAuthentication;
import io.licensesync.cloud.audit.boundary.CloudAuditResource;
import io.licensesync.cloud.enterprises.boundary.EnterprisesResource;
import io.licensesync.cloud.enterprises.boundary.MembersResource;
import io.licensesync.cloud.instances.boundary.LicenseSyncStatusResource;
import io.licensesync.cloud.instances.boundary.LicenseUsageFilesResource;
import io.licensesync.cloud.instances.boundary.LicenseUsageKeyResource;
import io.licensesync.cloud.instances.boundary.ServerInstancesResource;
import io.licensesync.cloud.licensing.boundary.CloudAlertsResource;
import io.licensesync.cloud.licensing.boundary.ConsumedLicensesResource;
import io.licensesync.cloud.licensing.boundary.LicenseSummaryResource;
import io.licensesync.cloud.licensing.boundary.LikelyDuplicatesResource;
import io.licensesync.cloud.licensing.boundary.LinksResource;
import io.licensesync.cloud.licensing.boundary.NotSameResource;
import io.licensesync.cloud.licensing.boundary.PeopleResource;
import io.licensesync.cloud.licensing.boundary.SeatChangesResource;
import io.licensesync.cloud.licensing.boundary.SeatHistoryResource;
import io.licensesync.cloud.licensing.boundary.UploadChangesResource;
import io.licensesync.rest.ApiExceptionMapper;
import io.licensesync.rest.ApiProperties;
import io.licensesync.rest.GitHubMediaTypes;
import io.licensesync.rest.JsonConfiguration;
import io.licensesync.rest.JsonWhenNoContentType;
import io.licensesync.rest.PublicBaseUri;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/**
 * The Cloud role's REST API at {@code /cloud/api}; below it, the real Cloud's paths ({@code
 * /enterprises/{enterprise}/consumed-licenses} …) and our own. The classes are listed so the Server
 * role's resources and filters never leak in.
 */
@ApplicationPath("cloud/api")
public class CloudApi extends Application {

  @Override
  public Map<String, Object> getProperties() {
    return ApiProperties.of();
  }

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        JsonConfiguration.class,
        ApiExceptionMapper.class,
        PublicBaseUri.class,
        GitHubMediaTypes.class,
        JsonWhenNoContentType.class,
        CloudAuthentication.class,
        EnterprisesResource.class,
        MembersResource.class,
        ServerInstancesResource.class,
        LicenseUsageFilesResource.class,
        LicenseUsageKeyResource.class,
        LicenseSyncStatusResource.class,
        ConsumedLicensesResource.class,
        PeopleResource.class,
        LicenseSummaryResource.class,
        LikelyDuplicatesResource.class,
        LinksResource.class,
        NotSameResource.class,
        SeatHistoryResource.class,
        SeatChangesResource.class,
        UploadChangesResource.class,
        CloudAlertsResource.class,
        CloudAuditResource.class);
  }
}
