package io.licensesync.input;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Text}: the same rule as {@link TextRules#problem}, in the same words. */
public class TextValidator implements ConstraintValidator<Text, String> {

  private int max;
  private boolean lineBreaks;

  @Override
  public void initialize(Text text) {
    max = text.max();
    lineBreaks = text.lineBreaks();
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    String problem;
    if (value.length() > max) {
      problem = "is longer than " + max + " characters";
    } else if (TextRules.hasControlCharacters(
        lineBreaks ? value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ') : value)) {
      problem = "must not contain control characters";
    } else {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
    return false;
  }
}
