package io.licensesync.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.licensesync.cloud.enterprises.control.MemberProvisioning;
import io.licensesync.server.accounts.control.UsersReport;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleDataTest {

  @Test
  void relativeTimesBecomeReportTimes() {
    assertEquals(
        "x,2026-11-22 12:00:00 +0000,y",
        SampleData.withTimes("x,${days-ago:3},y", Instant.parse("2026-11-25T12:00:00Z")));
  }

  @Test
  void theBundledSampleIsAValidReport() throws IOException {
    String template;
    try (InputStream in = SampleData.class.getResourceAsStream("/sample-data/server-users.csv")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    UsersReport report =
        UsersReport.parse(new StringReader(SampleData.withTimes(template, Instant.now())));
    assertEquals(List.of(), report.errors());
    assertEquals(13, report.rows().size());
  }

  @Test
  void theBundledCloudMembersAreValid() throws IOException {
    String json;
    try (InputStream in = SampleData.class.getResourceAsStream("/sample-data/cloud-members.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    MemberProvisioning members =
        MemberProvisioning.fromJson(Json.createReader(new StringReader(json)).readValue());
    assertEquals(List.of(), members.errors());
    assertEquals(8, members.profiles().size());
  }
}
