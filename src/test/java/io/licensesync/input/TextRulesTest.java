package io.licensesync.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextRulesTest {

  @Test
  void textWithinItsColumnAndWithoutControlCharactersFits() {
    assertEquals(
        Optional.empty(), TextRules.problem("hostname", "ghe.example.com", TextRules.HOSTNAME));
    assertEquals(Optional.empty(), TextRules.problem("note", null, TextRules.NOTE));
    assertTrue(TextRules.fits("ünïcödé ✓", 20));
  }

  @Test
  void longerTextIsRefusedNamingTheField() {
    assertEquals(
        Optional.of("reason is longer than 500 characters"),
        TextRules.problem("reason", "r".repeat(501), TextRules.REASON));
  }

  @Test
  void nulAndOtherControlCharactersAreRefused() {
    for (String text :
        new String[] {
          "a\u0000b", "a\nb", "a\rb", "a\tb", "\u001b[31m", "a\u007f", "a\u0085", "a\u2028b"
        }) {
      assertEquals(
          Optional.of("login must not contain control characters"),
          TextRules.problem("login", text, 64),
          text);
      assertFalse(TextRules.fits(text, 64));
    }
  }

  @Test
  void likeWildcardsBecomeLiterals() {
    assertEquals("100!% a!_b !!x \\", TextRules.likeLiteral("100% a_b !x \\"));
  }

  @Test
  void wholeNumbersAreBoundedWithoutParsingHugeText() {
    assertEquals(Optional.of(12L), Numbers.whole("12", 0, 100));
    assertEquals(Optional.empty(), Numbers.whole("101", 0, 100));
    assertEquals(Optional.empty(), Numbers.whole("9".repeat(100_000), 0, Long.MAX_VALUE));
    assertEquals(Optional.of(-5L), Numbers.whole("-5", -10, 0));
    assertEquals(Optional.empty(), Numbers.whole("1_000", 0, 10_000));
  }
}
