package io.licensesync.cloud.licensing.boundary;

import io.licensesync.cloud.access.CloudCaller;
import io.licensesync.cloud.enterprises.boundary.Enterprises;
import io.licensesync.cloud.enterprises.entity.Enterprise;
import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import io.licensesync.cloud.licensing.entity.ConsumedLicenseJson;
import io.licensesync.rest.ApiException;
import io.licensesync.rest.PageLinks;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code GET /enterprises/{enterprise}/consumed-licenses} exactly as the real API (page and
 * per_page, at most 100, a {@code Link} header with next, prev, first and last), and the same rows
 * as a streamed CSV report.
 */
@Path("enterprises/{enterprise}/consumed-licenses")
public class ConsumedLicensesResource {

  /** The report's columns, named as GitHub's license usage CSV names them. */
  static final String[] CSV_HEADER = {
    "github_com_login", "github_com_name", "enterprise_server_user_ids", "github_com_user", "enterprise_server_user",
    "visual_studio_subscription_user", "license_type", "github_com_profile", "github_com_member_roles",
    "github_com_enterprise_roles", "github_com_verified_domain_emails", "github_com_saml_name_id",
    "github_com_orgs_with_pending_invites", "github_com_two_factor_auth", "enterprise_server_primary_emails",
    "visual_studio_license_status", "visual_studio_subscription_email", "total_user_accounts"
  };

  private static final int REPORT_PAGE = 1000;

  @Inject Enterprises enterprises;
  @Inject Licensing licensing;
  @Inject CloudCaller caller;

  private Enterprise owned(String slug) {
    Enterprise enterprise = enterprises.find(slug).orElseThrow(ApiException::notFound);
    caller.requireOwnerOf(enterprise);
    return enterprise;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response page(
      @PathParam("enterprise") String slug,
      @QueryParam("page") @DefaultValue("1") String pageText,
      @QueryParam("per_page") @DefaultValue("30") String perPageText,
      @Context UriInfo uri) {
    Enterprise enterprise = owned(slug);
    int page = PageLinks.positive(pageText, "page");
    int perPage = Math.min(100, PageLinks.positive(perPageText, "per_page"));
    long total = licensing.seatsConsumed(enterprise.id());
    long from = (long) (page - 1) * perPage;
    List<ConsumedLicenseJson> users =
        from >= total
            ? List.of()
            : licensing.rows(enterprise.id(), (int) from, (int) Math.min(total, from + perPage)).stream()
                .map(ConsumedLicenseJson::of)
                .toList();
    return Response.ok(new ConsumedLicenseJson.Page(total, enterprise.seatsPurchased(), users))
        .header("Link", PageLinks.numbered(uri, page, perPage, total))
        .build();
  }

  @GET
  @Path("report")
  @Produces("text/csv")
  public Response report(@PathParam("enterprise") String slug) {
    Enterprise enterprise = owned(slug);
    long enterpriseId = enterprise.id();
    StreamingOutput csv =
        out -> {
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          try (CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get())) {
            int from = 0;
            List<ConsumedLicense> rows;
            do {
              rows = licensing.rows(enterpriseId, from, from + REPORT_PAGE);
              for (ConsumedLicense row : rows) {
                printer.printRecord(csvRecord(ConsumedLicenseJson.of(row)));
              }
              printer.flush();
              from += REPORT_PAGE;
            } while (rows.size() == REPORT_PAGE);
          }
        };
    String file = enterprise.slug() + "-consumed-licenses-" + LocalDate.now(ZoneOffset.UTC) + ".csv";
    return Response.ok(csv, "text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
  }

  private static Object[] csvRecord(ConsumedLicenseJson u) {
    return new Object[] {
      u.githubComLogin(), u.githubComName(), String.join(",", u.enterpriseServerUserIds()), u.githubComUser(),
      u.enterpriseServerUser(), u.visualStudioSubscriptionUser(), u.licenseType(), u.githubComProfile(),
      String.join(",", u.githubComMemberRoles()), String.join(",", u.githubComEnterpriseRoles()),
      String.join(",", u.githubComVerifiedDomainEmails()), u.githubComSamlNameId(),
      String.join(",", u.githubComOrgsWithPendingInvites()), u.githubComTwoFactorAuth() == null ? "" : u.githubComTwoFactorAuth(),
      String.join(",", u.enterpriseServerEmails()), u.visualStudioLicenseStatus(), u.visualStudioSubscriptionEmail(),
      u.totalUserAccounts()
    };
  }

}
