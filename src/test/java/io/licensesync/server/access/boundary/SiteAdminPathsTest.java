package io.licensesync.server.access.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which dispatched paths are site admins' only, in any case. */
class SiteAdminPathsTest {

  @Test
  void theAdminTheEnterpriseAndAUsersAdminSwitchesAreSiteAdminsOnly() {
    assertTrue(SiteAdminPaths.siteAdminOnly("/api/v3/admin/users"));
    assertTrue(SiteAdminPaths.siteAdminOnly("/api/v3/ADMIN/license-sync/runs"));
    assertTrue(SiteAdminPaths.siteAdminOnly("/api/v3/admin"));
    assertTrue(SiteAdminPaths.siteAdminOnly("/api/v3/enterprise/settings/license"));
    assertTrue(SiteAdminPaths.siteAdminOnly("/api/v3/users/mona/suspended"));
    assertTrue(SiteAdminPaths.siteAdminOnly("/api/v3/users/Mona/SITE_ADMIN"));
    assertFalse(SiteAdminPaths.siteAdminOnly("/api/v3/users/mona"));
    assertFalse(SiteAdminPaths.siteAdminOnly("/api/v3/users"));
    assertFalse(SiteAdminPaths.siteAdminOnly("/api/v3/user/tokens"));
    assertFalse(SiteAdminPaths.siteAdminOnly("/api/v3/administrators"));
  }
}
