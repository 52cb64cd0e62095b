package io.licensesync.input;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Bean Validation of a text we take: at most {@link #max} characters (its column, a constant of
 * {@link TextRules}) and no control characters; null passes (presence is {@code @NotNull}'s rule).
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface Text {

  int max();

  /** Whether line breaks and tabs are allowed (pasted JSON); other control characters never are. */
  boolean lineBreaks() default false;

  String message() default "is not acceptable text";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
