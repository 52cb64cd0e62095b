package io.licensesync.cloud.licensing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.licensesync.cloud.licensing.entity.ConsumedLicense;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class ConsumedLicensesCsvTest {

  static ConsumedLicense serverOnly(int seq) {
    return new ConsumedLicense(
        1,
        "p" + seq,
        null,
        "",
        "",
        "",
        false,
        List.of(),
        List.of(),
        List.of(),
        "",
        List.of(),
        null,
        List.of("ghe.example.com:" + seq),
        List.of("p" + seq + "@example.com"),
        1);
  }

  static List<CSVRecord> written(List<ConsumedLicense> all) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsumedLicensesCsv.write(
        (from, to) -> all.subList(Math.min(from, all.size()), Math.min(to, all.size())), out);
    try (CSVParser parser =
        CSVParser.parse(out.toString(StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
      return parser.getRecords();
    }
  }

  @Test
  void theReportStartsWithGitHubsColumnNames() throws IOException {
    List<CSVRecord> records = written(List.of());
    assertEquals(1, records.size());
    assertEquals(ConsumedLicensesCsv.HEADER, records.get(0).toList());
  }

  @Test
  void everyRowIsWrittenAcrossReadPagesInOrder() throws IOException {
    List<ConsumedLicense> all = new ArrayList<>();
    IntStream.range(0, ConsumedLicensesCsv.PAGE + 2).forEach(i -> all.add(serverOnly(i)));
    List<CSVRecord> records = written(all);
    assertEquals(ConsumedLicensesCsv.PAGE + 3, records.size());
    assertEquals("ghe.example.com:0", records.get(1).get(2));
    assertEquals(
        "ghe.example.com:" + (ConsumedLicensesCsv.PAGE + 1),
        records.get(records.size() - 1).get(2));
  }

  @Test
  void cellsThatASpreadsheetWouldRunAsAFormulaGetASingleQuoteInFront() {
    assertEquals("'=HYPERLINK(\"x\")", ConsumedLicensesCsv.neutralised("=HYPERLINK(\"x\")"));
    assertEquals("'+1", ConsumedLicensesCsv.neutralised("+1"));
    assertEquals("'-2+3", ConsumedLicensesCsv.neutralised("-2+3"));
    assertEquals("'@SUM(A1)", ConsumedLicensesCsv.neutralised("@SUM(A1)"));
    assertEquals("'\tx", ConsumedLicensesCsv.neutralised("\tx"));
    assertEquals("'\rx", ConsumedLicensesCsv.neutralised("\rx"));
  }

  @Test
  void ordinaryCellsAndNumbersAreLeftAsTheyAre() {
    assertEquals("mona", ConsumedLicensesCsv.neutralised("mona"));
    assertEquals("a=b", ConsumedLicensesCsv.neutralised("a=b"));
    assertEquals("", ConsumedLicensesCsv.neutralised(""));
    assertEquals(-1, ConsumedLicensesCsv.neutralised(-1));
  }

  @Test
  void aNameStartingWithAnEqualsSignIsWrittenQuotedAndNeutralised() throws IOException {
    ConsumedLicense formula =
        new ConsumedLicense(
            1,
            "m7",
            7L,
            "mona",
            "=cmd|' /C calc'!A0",
            "",
            true,
            List.of(),
            List.of(),
            List.of(),
            "",
            List.of(),
            null,
            List.of(),
            List.of(),
            1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ConsumedLicensesCsv.write((from, to) -> from == 0 ? List.of(formula) : List.of(), out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("\"'=cmd|' /C calc'!A0\""), text);
    assertEquals("'=cmd|' /C calc'!A0", written(List.of(formula)).get(1).get(1));
  }

  @Test
  void theFileIsNamedAfterTheEnterpriseAndTheDay() {
    assertEquals(
        "octo-consumed-licenses-2026-11-25.csv",
        ConsumedLicensesCsv.fileName("octo", LocalDate.of(2026, 11, 25)));
  }
}
