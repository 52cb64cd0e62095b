package io.licensesync.cloud.enterprises.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.cloud.enterprises.entity.EnterpriseRole;
import io.licensesync.cloud.enterprises.entity.MemberProfile;
import jakarta.json.Json;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberProvisioningTest {

  private static MemberProvisioning json(String text) {
    return MemberProvisioning.fromJson(Json.createReader(new StringReader(text)).readValue());
  }

  @Test
  void jsonAndCsvDescribeTheSameMember() {
    MemberProvisioning fromJson =
        json(
            "[{\"login\":\"mona\",\"name\":\"Mona\",\"emails\":[{\"email\":\"mona@octo.example\",\"verified\":true},"
                + "{\"email\":\"m@home.example\",\"verified\":false}],\"saml_name_id\":\"mona@octo.example\",\"enterprise_role\":\"member\","
                + "\"org_roles\":[\"octo:Owner\"],\"pending_invites\":[\"docs\"],\"private_repo_access\":false,\"two_factor\":true}]");
    MemberProvisioning fromCsv =
        MemberProvisioning.fromCsv(
            new StringReader(
                String.join(",", MemberProvisioning.CSV_HEADER)
                    + "\nmona,Mona,mona@octo.example,m@home.example,mona@octo.example,member,octo:Owner,docs,false,true\n"));
    assertEquals(List.of(), fromJson.errors());
    assertEquals(List.of(), fromCsv.errors());
    assertEquals(fromJson.profiles(), fromCsv.profiles());
    MemberProfile mona = fromJson.profiles().get(0);
    assertEquals(EnterpriseRole.MEMBER, mona.role());
    assertEquals(
        List.of(
            new MemberProfile.Email("mona@octo.example", true),
            new MemberProfile.Email("m@home.example", false)),
        mona.emails());
  }

  @Test
  void everyBadMemberIsReportedWithWhereAndWhy() {
    MemberProvisioning result =
        json(
            "[{\"login\":\"ok\",\"enterprise_role\":\"member\"},"
                + "{\"login\":\"-bad\",\"enterprise_role\":\"member\"},"
                + "{\"login\":\"x\",\"enterprise_role\":\"emperor\"},"
                + "{\"login\":\"y\",\"enterprise_role\":\"member\",\"org_roles\":[\"octo:King\"]},"
                + "{\"login\":\"OK\",\"enterprise_role\":\"member\",\"emails\":[{\"email\":\"bad\",\"verified\":true}]},"
                + "42]");
    assertEquals(
        List.of("[1]", "[2]", "[3]", "[4]", "[5]"),
        result.errors().stream().map(e -> e.field()).toList());
    assertTrue(result.errors().get(1).message().contains("enterprise_role must be"));
    assertTrue(result.errors().get(3).message().contains("appears twice"));
    assertTrue(result.errors().get(3).message().contains("not a valid address"));
    assertEquals(1, result.profiles().size());
  }

  @Test
  void aBodyThatIsNotAnArrayOrACsvWithTheWrongHeaderIsRefused() {
    assertEquals(1, json("{\"login\":\"mona\"}").errors().size());
    assertTrue(
        MemberProvisioning.fromCsv(new StringReader("login,name\nmona,Mona\n"))
            .errors()
            .get(0)
            .message()
            .contains("header"));
  }
}
